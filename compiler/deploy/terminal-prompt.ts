/**
 * Asking for confirmation on the real terminal. Used only when the command runs on the process's own streams
 * and stdin is a terminal; Ctrl-C at the question counts as "no" (the change sets are then deleted).
 */
import { createInterface } from 'node:readline';

export function terminalPrompt(): ((question: string) => Promise<string | undefined>) | undefined {
  if (process.stdin.isTTY !== true) return undefined;
  return (question) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      let answered = false;
      rl.on('SIGINT', () => {
        process.stderr.write('\n');
        rl.close();
      });
      rl.on('close', () => {
        if (!answered) resolve(undefined);
      });
      rl.question(question, (answer) => {
        answered = true;
        rl.close();
        resolve(answer);
      });
    });
}
