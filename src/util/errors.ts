/**
 * Errors the user can act on: bad input, bad configuration, a missing browser.
 *
 * An InputError carries one or more messages in Dutch, each saying where (file:line), what is
 * wrong and what was expected. The command line prints them and exits non-zero; anything else
 * thrown is a programmer error and is shown with its stack.
 */
export class InputError extends Error {
  readonly messages: readonly string[];
  readonly hint: string | undefined;

  constructor(messages: readonly string[], hint?: string) {
    super(messages.join('\n'));
    this.name = 'InputError';
    this.messages = messages;
    this.hint = hint;
  }
}
