import { writeFile } from 'node:fs/promises';

/**
 * The --output file: a JSON array with one contact per line, so a large run stays greppable and
 * diffable while still being one valid JSON document.
 */
export function serializeContacts(contacts: readonly unknown[]): string {
  if (contacts.length === 0) return '[]\n';
  return '[\n' + contacts.map((c) => JSON.stringify(c)).join(',\n') + '\n]\n';
}

export async function writeContactsFile(path: string, contacts: readonly unknown[]): Promise<void> {
  await writeFile(path, serializeContacts(contacts), 'utf8');
}
