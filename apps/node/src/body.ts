import type { HttpBindings } from '@hono/node-server';
import { ClientClosed, tooLarge, type BodyReader } from '@anywhere/core';

/**
 * Reads a body straight from node:http's IncomingMessage, whatever its
 * encoding: no web Request is built (measured: a third of a GET, half of a
 * POST), and the bytes that arrived are known when the client goes away.
 */
export const readBody: BodyReader = ({ env }, bytes) => {
  const { incoming } = env as HttpBindings;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= bytes) return void chunks.push(chunk);
      stop();
      // Keep skipping what still comes: the 413 says Connection: close, and node:http closes after it.
      incoming.resume();
      reject(tooLarge(bytes));
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    // 'error' (ECONNRESET, "aborted") then 'close' when the connection goes before the body ends.
    const onGone = (error?: Error) => {
      stop();
      reject(new ClientClosed(size, error));
    };
    if (incoming.readableEnded) return resolve(new Uint8Array());
    incoming.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone);
  });
};
