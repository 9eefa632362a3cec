// How every page shows an engine call that failed: the engine's words, in an
// alert the screen reader announces, styled as an error.
export function EngineErrorNote({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error}
    </p>
  );
}
