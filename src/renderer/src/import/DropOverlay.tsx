export function DropOverlay() {
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__card">
        <p className="drop-overlay__title">Drop to import</p>
        <p>Files and folders: .md, .txt, .html, .pdf, .docx</p>
      </div>
    </div>
  );
}
