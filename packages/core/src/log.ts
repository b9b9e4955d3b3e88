type Fields = Record<string, unknown>;

/** One JSON object per line (errors on stderr), which every runtime and log shipper reads. */
function write(level: 'info' | 'error', event: string, fields: Fields) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}

export const log = {
  info: (event: string, fields: Fields = {}) => write('info', event, fields),
  error: (event: string, fields: Fields = {}) => write('error', event, fields),
};
