// The upload formats and image sizes come from the spec's enums; only `.jpg → jpeg` is by hand.
import { describe, expect, it } from 'vitest';
import { model } from './internal/spec.js';
import { fileFormatByExtension, fileFormats, imageSizes } from './internal/spec-enums.js';
import { call, useSandbox } from './test-support/http.js';

const schemas = (
  model.document as unknown as {
    components: { schemas: Record<string, { properties: Record<string, { enum: string[] }> }> };
  }
).components.schemas;

describe('spec enums', () => {
  it('accepts every FileObject.format as an extension, and .jpg as jpeg', () => {
    const formats = schemas.FileObject!.properties.format!.enum;
    expect(fileFormats).toEqual(formats);
    expect(Object.fromEntries(fileFormatByExtension)).toEqual({
      ...Object.fromEntries(formats.map((f) => [f, f])),
      jpg: 'jpeg',
    });
  });

  it('parses every ImageGenerationInput.size as width x height', () => {
    const sizes = schemas.ImageGenerationInput!.properties.size!.enum;
    expect([...imageSizes.keys()]).toEqual(sizes);
    for (const [size, [width, height]] of imageSizes) expect(`${width}x${height}`).toBe(size);
  });
});

describe('spec enums over HTTP', () => {
  const sandbox = useSandbox({ rateLimit: 100_000 });

  it.each([...imageSizes].map(([size, [width, height]]) => ({ name: size, given: size, want: { width, height } })))(
    'renders size $name at its dimensions',
    async ({ given, want }) => {
      const reply = await call(sandbox().url, 'POST', '/v1/models/pixel-1/run', {
        body: { prompt: 'a cat', size: given },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.output.images[0]).toMatchObject(want);
    },
  );

  it('stores a .jpg upload as jpeg', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])]), 'photo.jpg');
    form.append('purpose', 'input');
    const reply = await call(sandbox().url, 'POST', '/v1/files', { body: form });
    expect([reply.status, reply.body.format]).toEqual([201, 'jpeg']);
  });
});
