/**
 * A drop zone that is also the file picker: a `<label>` around a visually hidden but focusable `<input type=file>`,
 * so a click anywhere in it, or Tab then Enter or Space, opens the picker, and files can be dropped on it.
 */
import { useState } from 'preact/hooks';

export interface DropZoneProps {
  id: string;
  accept: string;
  title: string;
  hint: string;
  disabled?: boolean;
  onFiles(files: File[]): void;
}

export function DropZone({ id, accept, title, hint, disabled = false, onFiles }: DropZoneProps) {
  const [dragging, setDragging] = useState(false);
  const take = (list: FileList | null | undefined) => {
    const files = list ? [...list] : [];
    if (files.length > 0 && !disabled) onFiles(files);
  };
  return (
    <label
      class={`upload-drop${dragging ? ' upload-drop-over' : ''}${disabled ? ' upload-drop-disabled' : ''}`}
      for={id}
      onDragOver={(event) => {
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        take(event.dataTransfer?.files);
      }}
    >
      <input
        id={id}
        class="visually-hidden"
        type="file"
        multiple
        accept={accept}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          take(event.currentTarget.files);
          // The same file can be picked again (e.g. after fixing it).
          event.currentTarget.value = '';
        }}
      />
      <span class="upload-drop-title">{title}</span>
      <span class="upload-drop-hint" id={`${id}-hint`}>
        {hint}
      </span>
    </label>
  );
}
