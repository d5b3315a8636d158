// The channels notifications leave by: e-mail over SMTP (SMTP_URL, through nodemailer) and SMS
// through an adapter whose only implementation here logs what it would send (no gateway).
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Mail, Mailer, SmsSender } from './delivery';

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // Short timeouts: a delivery that hangs holds its activity; Temporal retries it with backoff.
    const smtp = new URL(url);
    smtp.searchParams.set('connectionTimeout', '10000');
    smtp.searchParams.set('socketTimeout', '20000');
    this.transport = nodemailer.createTransport(smtp.toString());
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      attachments: mail.attachments,
    });
  }
}

/** Stands in for an SMS gateway: logs the message's id and length, never the number or the text. */
export class LoggingSmsSender implements SmsSender {
  constructor(private readonly logger: Pick<Logger, 'info'>) {}

  async send(message: { to: string; text: string; id: string }): Promise<void> {
    this.logger.info(
      { notification: message.id, characters: message.text.length },
      'SMS handed to the logging adapter',
    );
  }
}
