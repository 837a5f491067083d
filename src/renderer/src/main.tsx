import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LibraryGate } from './library/LibraryGate';
import { LibraryVersionProvider } from './library-version';
import './styles.css';

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <LibraryGate>
        <LibraryVersionProvider>
          <App />
        </LibraryVersionProvider>
      </LibraryGate>
    </StrictMode>,
  );
}
