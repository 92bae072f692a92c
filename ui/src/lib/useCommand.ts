import { type DependencyList, useEffect, useState } from "react";
import type { AppError } from "../bindings";
import { appError, unwrap } from "./api";

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/**
 * Runs a command whenever `deps` change and keeps its latest answer: the value, or the error.
 * An answer that arrives after the inputs changed again is dropped, so a slow earlier call
 * never overwrites a newer one. `call` returning null runs nothing.
 */
export function useCommand<T>(
  call: () => Promise<CommandResult<T>> | null,
  deps: DependencyList,
): { data: T | null; error: AppError | null } {
  const [answer, setAnswer] = useState<{ data: T | null; error: AppError | null }>({
    data: null,
    error: null,
  });
  useEffect(() => {
    const pending = call();
    if (pending === null) {
      return;
    }
    let current = true;
    unwrap(pending).then(
      (data) => {
        if (current) {
          setAnswer({ data, error: null });
        }
      },
      (thrown: unknown) => {
        if (current) {
          setAnswer((previous) => ({ data: previous.data, error: appError(thrown) }));
        }
      },
    );
    return () => {
      current = false;
    };
    // The caller lists what the call depends on, as for useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return answer;
}
