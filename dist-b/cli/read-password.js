import { CliError } from './cli-context.js';
const MAX_LINE_CHARS = 4096;
/**
 * A password for a new account. Never from argv, which every local user can read in `ps`: from
 * a prompt that does not echo (asked twice) when stdin is a terminal, else from stdin's first
 * line, as in `enclave user create alice --password-stdin < file`.
 */
export async function readPassword(options) {
    const { input } = options;
    let password;
    if (!options.fromStdin && input.isTTY && input.setRawMode) {
        options.prompt('Password (not shown):');
        password = await readHiddenLine(input);
        options.prompt('Repeat it:');
        if ((await readHiddenLine(input)) !== password) {
            throw new CliError('The two passwords differ; nothing was changed.');
        }
    }
    else {
        password = await readFirstLine(input);
    }
    if (password.length === 0) {
        throw new CliError('No password given: type it at the prompt, or pipe it in on the first line of stdin.');
    }
    return password;
}
/** The first line of a stream (without its line ending); the rest is not read. */
export async function readFirstLine(input) {
    input.setEncoding('utf8');
    let text = '';
    for await (const chunk of input) {
        text += String(chunk);
        const newline = text.indexOf('\n');
        if (newline !== -1) {
            text = text.slice(0, newline);
            break;
        }
        if (text.length > MAX_LINE_CHARS)
            break;
    }
    return text.replace(/\r$/u, '');
}
/** One line typed at a terminal with echo off; Ctrl+C cancels. */
function readHiddenLine(input) {
    return new Promise((resolve, reject) => {
        let line = '';
        const finish = (error) => {
            input.removeListener('data', onData);
            input.removeListener('end', onEnd);
            input.setRawMode?.(false);
            input.pause();
            if (error)
                reject(error);
            else
                resolve(line);
        };
        const onData = (chunk) => {
            for (const char of String(chunk)) {
                if (char === '\r' || char === '\n' || char === '\u0004')
                    return finish();
                if (char === '\u0003')
                    return finish(new CliError('Cancelled; nothing was changed.'));
                if (char === '\u007f' || char === '\b')
                    line = [...line].slice(0, -1).join('');
                else if (char >= ' ')
                    line += char;
            }
        };
        const onEnd = () => finish();
        input.setEncoding('utf8');
        input.setRawMode?.(true);
        input.on('data', onData);
        input.on('end', onEnd);
        input.resume();
    });
}
//# sourceMappingURL=read-password.js.map