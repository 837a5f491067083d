import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BriefingBridge } from '../shared/api';
import { COMMAND_CHANNEL, isAppCommand, type AppCommand, type CommandBridge } from '../shared/commands';
import { API_CHANNEL, API_METHODS } from '../shared/methods';

// Named functions only: the page never sees ipcRenderer or a channel name.
const bridge = Object.freeze(
  Object.fromEntries(
    API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(API_CHANNEL, method, input)]),
  ),
) as BriefingBridge;

const commands: CommandBridge = Object.freeze({
  subscribe: (listener: (command: AppCommand) => void) => {
    const relay = (_event: IpcRendererEvent, command: unknown) => {
      if (isAppCommand(command)) listener(command);
    };
    ipcRenderer.on(COMMAND_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(COMMAND_CHANNEL, relay);
    };
  },
});

contextBridge.exposeInMainWorld('briefing', bridge);
contextBridge.exposeInMainWorld('briefingCommands', commands);
