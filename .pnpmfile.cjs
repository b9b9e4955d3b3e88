// openapi-typescript writes its output with TypeScript's JavaScript API, which
// TypeScript 7 (native) no longer has: it gets the last TypeScript 5 as its own
// dependency instead of sharing the workspace's TypeScript as a peer.
module.exports = {
  hooks: {
    readPackage(manifest) {
      if (manifest.name === 'openapi-typescript') {
        delete manifest.peerDependencies?.typescript;
        manifest.dependencies = { ...manifest.dependencies, typescript: '5.9.3' };
      }
      return manifest;
    },
  },
};
