import { contextBridge, ipcRenderer } from 'electron';
import type { BriefingBridge } from '../shared/api';
import { API_CHANNEL, API_METHODS } from '../shared/methods';

// Named functions only: the page never sees ipcRenderer or a channel name.
const bridge = Object.freeze(
  Object.fromEntries(
    API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(API_CHANNEL, method, input)]),
  ),
) as BriefingBridge;

contextBridge.exposeInMainWorld('briefing', bridge);
