// Values the sandbox needs from the spec's enums, read from the bundled spec once, never retyped:
// the upload formats (FileObject.format) and the image sizes (ImageGenerationInput.size).
import { model } from './spec.js';

/**
 * File-name extensions that are not a format's own name. The one alias kept by hand: `.jpg` is
 * the common spelling of a JPEG file, but the spec's format is `jpeg`.
 */
const EXTENSION_ALIASES: Record<string, string> = { jpg: 'jpeg' };

function enumAt(pointer: string): string[] {
  const values = model.resolve<{ enum?: unknown }>(model.lookup(pointer)).enum;
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string'))
    throw new Error(`The spec has no string enum at ${pointer}`);
  return values;
}

/** Accepted upload extensions (lower case) and the format each one is: every FileObject.format, plus the aliases. */
export const fileFormatByExtension: ReadonlyMap<string, string> = (() => {
  const formats = enumAt('#/components/schemas/FileObject/properties/format');
  const aliases = Object.entries(EXTENSION_ALIASES).filter(([, format]) => formats.includes(format));
  return new Map([...formats.map((f) => [f, f] as const), ...aliases]);
})();

/** The formats, in the spec's order, for messages. */
export const fileFormats: readonly string[] = [...new Set(fileFormatByExtension.values())];

/** Each ImageGenerationInput.size as [width, height], parsed from its `WxH` form. */
export const imageSizes: ReadonlyMap<string, readonly [number, number]> = new Map(
  enumAt('#/components/schemas/ImageGenerationInput/properties/size').map((size) => {
    const match = /^(\d+)x(\d+)$/.exec(size);
    if (!match) throw new Error(`ImageGenerationInput.size ${JSON.stringify(size)} is not WxH`);
    return [size, [Number(match[1]), Number(match[2])] as const];
  }),
);
