import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-context.js';
import { readFirstLine, readPassword, type PasswordInput } from './read-password.js';

interface FakeTerminal {
  input: PasswordInput;
  /** Records the prompt, then types the next of the lines, one keystroke at a time. */
  prompt: (text: string) => void;
  prompts: string[];
  rawMode: boolean[];
}

function terminal(lines: string[]): FakeTerminal {
  const input = new PassThrough() as PassThrough & PasswordInput;
  const rawMode: boolean[] = [];
  const prompts: string[] = [];
  input.isTTY = true;
  input.setRawMode = (mode: boolean) => rawMode.push(mode);
  const prompt = (text: string) => {
    prompts.push(text);
    const line = lines.shift() ?? '';
    setImmediate(() => {
      for (const key of line) input.write(key);
    });
  };
  return { input, prompt, prompts, rawMode };
}

const ask = (tty: FakeTerminal) =>
  readPassword({ input: tty.input, prompt: tty.prompt, fromStdin: false });

describe('reading a password', () => {
  it('asks twice on a terminal, with echo off, and honours backspace', async () => {
    const tty = terminal(['secret pass phrase\u007fE\r', 'secret pass phrasE\r']);
    expect(await ask(tty)).toBe('secret pass phrasE');
    expect(tty.prompts).toEqual(['Password (not shown):', 'Repeat it:']);
    expect(tty.rawMode).toEqual([true, false, true, false]);
  });

  it('refuses two different answers, and Ctrl+C cancels', async () => {
    const differ = terminal(['first pass phrase\r', 'other pass phrase\r']);
    await expect(ask(differ)).rejects.toThrow(
      new CliError('The two passwords differ; nothing was changed.'),
    );
    await expect(ask(terminal(['half\u0003']))).rejects.toThrow('Cancelled');
  });

  it('reads the first line of piped input, without its line ending', async () => {
    const piped = new PassThrough();
    piped.end('pass phrase from a file\r\nsecond line\n');
    expect(await readPassword({ input: piped, prompt: () => {}, fromStdin: false })).toBe(
      'pass phrase from a file',
    );
    const last = new PassThrough();
    last.end('no newline at the end');
    expect(await readFirstLine(last)).toBe('no newline at the end');
  });

  it('with --password-stdin reads a terminal line without prompting', async () => {
    const input = new PassThrough() as PassThrough & PasswordInput;
    input.isTTY = true;
    input.setRawMode = () => {
      throw new Error('no raw mode expected');
    };
    input.end('typed in the open\n');
    const prompts: string[] = [];
    const password = await readPassword({
      input,
      prompt: (text) => prompts.push(text),
      fromStdin: true,
    });
    expect(password).toBe('typed in the open');
    expect(prompts).toEqual([]);
  });
});
