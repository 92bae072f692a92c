/**
 * The app shell: composes the features into screens. The screens arrive with the IPC wiring
 * (the generated `bindings.ts`); until then the shell only sets up the landmarks.
 */
export function App() {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-stone-200 px-4 py-2 dark:border-stone-800">
        <h1 className="text-lg font-semibold">Planeswalker</h1>
      </header>
      <main className="flex-1 p-4" />
    </div>
  );
}
