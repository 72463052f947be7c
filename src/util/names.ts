/**
 * Returns the form in which configuration names compare: the API keeps
 * names unique without regard to case, so the tool compares them after
 * Unicode NFC normalization and in lower case.
 */
export function configurationKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}
