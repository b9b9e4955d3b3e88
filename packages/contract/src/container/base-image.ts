// A stand-in for the Dockerfile's public base image (distroless base-nossl),
// made here from the machine's own Debian packages because no image registry
// is reachable: glibc, CA certificates, time zones, /etc/passwd with the
// nonroot user (65532), and no shell. apt-get fetches from whatever mirror the
// machine's apt sources name; nothing here names a host.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker } from './docker.ts';

/** What distroless's base-nossl image is made of, as Debian packages. */
const packages = ['libc6', 'base-files', 'netbase', 'tzdata', 'ca-certificates'];
/** Raised when the recipe below changes, so a cached image is not reused. */
const recipe = 1;

const passwd = 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n';
const group = 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n';

const apt = (args: string[], cwd?: string) => execFileSync('apt-get', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The package files apt would fetch (name_version_arch.deb): they name the image, so a Debian update makes a new one. */
function packageFiles(): string[] {
  const list = () => {
    try {
      return [...apt(['download', '--print-uris', ...packages]).matchAll(/^'[^']+' (\S+\.deb) /gm)].map(([, file]) => file!);
    } catch {
      return []; // "Unable to locate package": no lists yet
    }
  };
  let files = list();
  // No package lists yet (a fresh machine): read them once, as any apt-get install would.
  if (files.length < packages.length) {
    apt(['update', '-qq']);
    files = list();
  }
  if (files.length < packages.length) throw new Error(`apt-get cannot find every one of ${packages.join(', ')}`);
  return files.toSorted();
}

/** The base image's tag, made once per set of package versions and then reused. */
export function localBaseImage(): string {
  const files = packageFiles();
  const tag = `anywhere-test-base:${createHash('sha256').update(`${recipe}\n${files.join('\n')}`).digest('hex').slice(0, 16)}`;
  if (docker(['image', 'ls', '-q', tag]).trim()) return tag;

  const work = mkdtempSync(join(tmpdir(), 'anywhere-base-'));
  try {
    apt(['download', ...packages], work);
    const root = join(work, 'root');
    for (const file of readdirSync(work).filter((name) => name.endsWith('.deb'))) execFileSync('dpkg-deb', ['-x', join(work, file), root]);
    writeFileSync(join(root, 'etc/passwd'), passwd);
    writeFileSync(join(root, 'etc/group'), group);
    mkdirSync(join(root, 'tmp'), { recursive: true });
    chmodSync(join(root, 'tmp'), 0o1777);
    mkdirSync(join(root, 'home/nonroot'), { recursive: true });
    // What update-ca-certificates would write, without running a package script.
    const certificates = join(root, 'usr/share/ca-certificates');
    const bundle = readdirSync(certificates, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.crt')).toSorted();
    mkdirSync(join(root, 'etc/ssl/certs'), { recursive: true });
    writeFileSync(join(root, 'etc/ssl/certs/ca-certificates.crt'), bundle.map((name) => readFileSync(join(certificates, name), 'utf8')).join(''));

    // Owned by root, but the nonroot user's home; then imported with what distroless sets.
    const tar = join(work, 'root.tar');
    execFileSync('tar', ['--numeric-owner', '--owner=0', '--group=0', '--exclude=./home/nonroot', '-C', root, '-cf', tar, '.']);
    execFileSync('tar', ['--numeric-owner', '--owner=65532', '--group=65532', '-C', root, '-rf', tar, './home/nonroot']);
    docker([
      'import',
      '--change', 'USER 65532:65532',
      '--change', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change', 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt',
      tar,
      tag,
    ]);
    return tag;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
