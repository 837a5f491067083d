import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LibraryVersionProvider } from './library-version';
import './styles.css';

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <LibraryVersionProvider>
        <App />
      </LibraryVersionProvider>
    </StrictMode>,
  );
}
