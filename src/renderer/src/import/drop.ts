/** A file to import from the window: its name for display and a way to read its bytes. */
export type LocalFile = Readonly<{ name: string; file: File }>;

const SUPPORTED = /\.(md|markdown|txt|html?|pdf|docx)$/i;

/**
 * The files of a drop, with dropped folders walked recursively (hidden files and READMEs of a
 * folder skipped, like a folder import). Files dropped one by one are all kept, so an unsupported
 * one is reported rather than silently ignored.
 */
export async function filesFromDrop(dataTransfer: DataTransfer): Promise<LocalFile[]> {
  const entries = Array.from(dataTransfer.items)
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return Array.from(dataTransfer.files).map((file) => ({ name: file.name, file }));
  const found: LocalFile[] = [];
  for (const entry of entries) {
    if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, `${entry.name}/`, found);
    else found.push({ name: entry.name, file: await fileOf(entry as FileSystemFileEntry) });
  }
  return found;
}

async function walk(directory: FileSystemDirectoryEntry, prefix: string, found: LocalFile[]): Promise<void> {
  const children = await readAll(directory.createReader());
  children.sort((a, b) => a.name.localeCompare(b.name));
  for (const child of children) {
    if (child.name.startsWith('.')) continue;
    if (child.isDirectory) await walk(child as FileSystemDirectoryEntry, `${prefix}${child.name}/`, found);
    else if (SUPPORTED.test(child.name) && !/^readme\./i.test(child.name)) {
      found.push({ name: `${prefix}${child.name}`, file: await fileOf(child as FileSystemFileEntry) });
    }
  }
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** A file's bytes as base64, the form the API takes them in. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
