// The spec, read once through the spec model, and what the sandbox derives from it that
// @errata/types does not generate yet: which input schema each task's runs are validated against.
import { errataSpec } from '@errata/server';
import { createSpecModel, type SpecModel } from '@errata/spec-model';

export const model: SpecModel = createSpecModel(errataSpec());

/**
 * Task → JSON Pointer of its input schema: the members of `RunInput.anyOf`, matched by title
 * (`Text generation input` ↔ `text-generation`). Computed here from the spec model until the
 * types build generates the table.
 */
export const inputSchemaOf: ReadonlyMap<string, string> = (() => {
  const runInput = model.lookup('#/components/schemas/RunInput') as { anyOf: { $ref: string }[] };
  return new Map(
    runInput.anyOf.flatMap((member) => {
      const title = model.resolve<{ title?: string }>(member).title;
      const task = title?.toLowerCase().replace(/ input$/, '').replace(/ /g, '-');
      return task ? [[task, member.$ref] as const] : [];
    }),
  );
})();
