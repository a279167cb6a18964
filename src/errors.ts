import type { Location } from './model/index.js';

/** Bad command-line usage: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A bad configuration file or option: printed as one line with its place, exit code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly location?: Location,
  ) {
    super(message);
  }

  /** `file:line:column: message`, or the bare message when there is no place. */
  describe(): string {
    const where = this.location ? `${this.location.file}:${this.location.line}:${this.location.column}: ` : '';
    return `${where}${this.message}`;
  }
}
