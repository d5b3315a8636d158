// Ant Design's App context (message, notification and modal hooks, App.useApp) around a screen.
// Loaded with each screen rather than with the first page: its modal and notification machinery
// is a sizeable part of the JavaScript, and only the forms of the case screens use it.
import { App } from 'antd';
import type { ComponentType } from 'react';

export function withMessages(Screen: ComponentType): ComponentType {
  return function WithMessages() {
    return (
      <App component={false}>
        <Screen />
      </App>
    );
  };
}
