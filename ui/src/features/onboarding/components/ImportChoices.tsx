import { useId } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { ImportSource } from "../../../bindings";

export interface ImportChoicesProps {
  /** Receives focus when the user comes back to the choices. */
  headingRef: React.Ref<HTMLHeadingElement>;
  onChoose: (source: ImportSource) => void;
}

const folderSchema = z.object({
  path: z.string().trim().min(1, "Enter the folder that holds the files."),
});

type FolderForm = z.infer<typeof folderSchema>;

/** Zod's first complaint about the folder path, for React Hook Form's `validate`. */
function validatePath(value: string): true | string {
  const parsed = folderSchema.shape.path.safeParse(value);
  return parsed.success || (parsed.error.issues[0]?.message ?? "Invalid folder.");
}

/** The two ways to build the knowledge base: download it, or read files already at hand. */
export function ImportChoices({ headingRef, onChoose }: ImportChoicesProps) {
  const pathId = useId();
  const errorId = useId();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<FolderForm>({ defaultValues: { path: "" } });
  const pathError = errors.path?.message;

  const onFolder = handleSubmit(({ path }) => {
    onChoose({ kind: "folder", path: path.trim() });
  });

  return (
    <section aria-labelledby="import-choices-heading" className="space-y-4">
      <h2
        id="import-choices-heading"
        ref={headingRef}
        tabIndex={-1}
        className="text-xl font-semibold"
      >
        Build the knowledge base
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-3 rounded-lg border border-sky-200 bg-sky-50 p-5 dark:border-sky-900 dark:bg-sky-950/40">
          <h3 className="font-semibold">Download the latest data</h3>
          <p className="flex-1 text-sm leading-relaxed text-stone-700 dark:text-stone-300">
            Fetches the current files from MTGJSON, Wizards of the Coast and Commander Spellbook.
            Needs an internet connection; downloads are kept, so a later re-import only fetches what
            changed.
          </p>
          <button
            type="button"
            onClick={() => {
              onChoose({ kind: "public_sources" });
            }}
            className="rounded bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 dark:bg-sky-500 dark:text-stone-950 dark:hover:bg-sky-400"
          >
            Download from the public sources
          </button>
        </div>
        <form
          noValidate
          onSubmit={(event) => void onFolder(event)}
          className="flex flex-col gap-3 rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
        >
          <h3 className="font-semibold">Use files you already have</h3>
          <p className="text-sm leading-relaxed text-stone-700 dark:text-stone-300">
            A folder with MTGJSON or Scryfall card files, the Comprehensive Rules text and a
            Commander Spellbook export. Files are recognised by their content, compressed or not.
          </p>
          <div className="flex-1 space-y-1">
            <label htmlFor={pathId} className="block text-sm font-medium">
              Folder
            </label>
            <input
              id={pathId}
              type="text"
              spellCheck={false}
              autoComplete="off"
              aria-invalid={pathError !== undefined}
              aria-describedby={pathError === undefined ? undefined : errorId}
              className="w-full rounded border border-stone-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-stone-700 dark:bg-stone-950"
              {...register("path", { validate: validatePath })}
            />
            {pathError !== undefined && (
              <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-300">
                {pathError}
              </p>
            )}
          </div>
          <button type="submit" className="btn self-start">
            Import from a folder
          </button>
        </form>
      </div>
    </section>
  );
}
