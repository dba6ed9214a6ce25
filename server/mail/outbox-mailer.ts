import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";

export type Email = { to: string; subject: string; text: string };

/** Sends email. The embedded default writes to a local outbox; a real transport implements the same method. */
export type Mailer = { send(email: Email): Promise<void> };

/** Writes each email as a JSON file in `dir` (written whole, then renamed into place) and logs it. */
export const outboxMailer = (dir: string, logger: Logger): Mailer => ({
  async send(email) {
    await mkdir(dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID()}.json`;
    const temp = path.join(dir, `.${name}.tmp`);
    await writeFile(temp, JSON.stringify({ ...email, sentAt: new Date().toISOString() }, null, 2));
    await rename(temp, path.join(dir, name));
    logger.info({ to: email.to, subject: email.subject, file: name }, "email written to outbox");
  },
});
