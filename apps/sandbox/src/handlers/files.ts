// uploadFile: multipart, validated against FileUpload; the format is taken from the file name and
// must agree with the content (PNG and JPEG signatures, JSON and JSON Lines that parse, a
// safetensors header). Only metadata is kept: the sandbox never stores file contents. The accepted
// formats are the spec's FileObject.format enum (spec-enums.ts). With an Idempotency-Key (the kit's
// stage), a retried upload of the same file answers the first upload's FileObject (same id);
// another file under the key answers IDEMPOTENCY_CONFLICT.
import { CatalogError } from '@errata/server';
import { newRequestId } from '../internal/job-queue.js';
import { fileFormatByExtension, fileFormats } from '../internal/spec-enums.js';
import type { Handler } from './handler.js';

function contentMatches(format: string, bytes: Uint8Array): boolean {
  const text = () => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  try {
    switch (format) {
      case 'png':
        return bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);
      case 'jpeg':
        return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
      case 'json':
        JSON.parse(text());
        return true;
      case 'jsonl':
        for (const line of text().split('\n')) if (line.trim()) JSON.parse(line);
        return true;
      case 'safetensors': {
        if (bytes.length < 8) return false;
        const length = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
        return (
          length <= bytes.length - 8 &&
          typeof JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) === 'object'
        );
      }
      default:
        return false;
    }
  } catch {
    return false;
  }
}

export const uploadFile: Handler = async (context) => {
  const { c, state, account } = context;
  // Read (multipart, under the body limit), checked to hold a file part and validated against FileUpload by the stages.
  const form = c.get('body') as Record<string, unknown>;
  const upload = form.file as File;
  if (upload.size > state.options.fileLimitBytes) {
    throw new CatalogError('FILE_TOO_LARGE', {
      params: { max_bytes: state.options.fileLimitBytes },
      details: { field: 'file', issue: `${upload.size} bytes is over the limit of ${state.options.fileLimitBytes}` },
    });
  }
  const extension = upload.name.includes('.') ? upload.name.split('.').pop()!.toLowerCase() : '';
  const format = fileFormatByExtension.get(extension);
  const bytes = new Uint8Array(await upload.arrayBuffer());
  if (!format || !contentMatches(format, bytes)) {
    const shown = format ?? (extension || 'unknown');
    throw new CatalogError('INVALID_FILE_FORMAT', {
      params: { format: shown },
      details: {
        field: 'file',
        issue: format ? `the content is not valid ${format}` : `accepted formats are ${fileFormats.join(', ')}`,
      },
    });
  }
  const id = newRequestId('file_');
  const stored = {
    id,
    accountId: account.id,
    filename: upload.name,
    bytes: upload.size,
    format,
    purpose: String(form.purpose),
    created_at: new Date().toISOString(),
  };
  state.files.set(id, stored);
  const { accountId: _owner, ...body } = stored;
  // The spec has no route that serves a file (contents are never kept), so the url names it
  // without pretending to be fetchable.
  return c.json({ ...body, url: `urn:errata:file:${id}` }, 201);
};
