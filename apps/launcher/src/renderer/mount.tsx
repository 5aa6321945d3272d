import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import type { AppStore } from './store/index.js';
import { StoreProvider } from './store/context.js';
import './styles/app.css';

/** Render the app over a ready store: the product's boot and the preview's share it. */
export function mountApp(store: AppStore): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
}
