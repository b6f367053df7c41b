import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback (the `smtp-server` package) that parses what it accepts with
 * `mailparser`. `interruptNext(fn)` makes the next message call `fn` as its data starts arriving and
 * then refuse it (a sender killed mid-send).
 */
export class SmtpSink {
  readonly accepted: ParsedMail[] = [];
  private interrupt: (() => void) | null = null;
  private server!: SMTPServer;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        const interrupt = this.interrupt;
        this.interrupt = null;
        if (interrupt) interrupt();
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (interrupt) return callback(Object.assign(new Error('interrupted'), { responseCode: 451 }));
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              this.accepted.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    this.server.on('error', () => undefined); // a client killed mid-session is not the sink's failure
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  interruptNext(fn: () => void): void {
    this.interrupt = fn;
  }

  to(address: string): ParsedMail[] {
    return this.accepted.filter((mail) => [mail.to].flat().some((to) => to?.value.some((v) => v.address === address)));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
