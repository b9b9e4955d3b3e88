// What a built executable is, read from its own bytes: the checks for the
// platforms this machine cannot run (macOS, Windows), and what it embeds.
import { readFileSync } from 'node:fs';

export interface Format {
  /** elf, mach-o or pe */
  kind: string;
  /** x64 or arm64, as Bun names them */
  arch: string;
}

const elfMachines: Record<number, string> = { 0x3e: 'x64', 0xb7: 'arm64' };
const machOCpus: Record<number, string> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const peMachines: Record<number, string> = { 0x8664: 'x64', 0xaa64: 'arm64' };

/** The container format and the CPU it is for, from the header (ELF e_machine, Mach-O cputype, PE Machine). */
export function formatOf(bytes: Buffer): Format {
  if (bytes.readUInt32BE(0) === 0x7f454c46) return { kind: 'elf', arch: elfMachines[bytes.readUInt16LE(18)] ?? 'unknown' };
  if (bytes.readUInt32LE(0) === 0xfeedfacf) return { kind: 'mach-o', arch: machOCpus[bytes.readUInt32LE(4)] ?? 'unknown' };
  if (bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.toString('latin1', pe, pe + 4) === 'PE\0\0') return { kind: 'pe', arch: peMachines[bytes.readUInt16LE(pe + 4)] ?? 'unknown' };
  }
  return { kind: 'unknown', arch: 'unknown' };
}

/** A Mach-O executable's LC_CODE_SIGNATURE load command: macOS on Apple silicon runs no code without one. */
export function hasCodeSignature(bytes: Buffer): boolean {
  const count = bytes.readUInt32LE(16);
  for (let i = 0, at = 32; i < count; i++, at += bytes.readUInt32LE(at + 4)) {
    if (bytes.readUInt32LE(at) === 0x1d) return true;
  }
  return false;
}

/** The files of `files` whose every byte is not found, in one piece, inside `executable`. */
export function missingFrom(executable: Buffer, files: string[]): string[] {
  return files.filter((file) => {
    const content = readFileSync(file);
    // Wherever its first 4 KiB sit, compare the whole file there.
    for (let at = executable.indexOf(content.subarray(0, 4096)); at >= 0; at = executable.indexOf(content.subarray(0, 4096), at + 1)) {
      if (executable.subarray(at, at + content.length).equals(content)) return false;
    }
    return true;
  });
}
