// Ant Design's default look, with text and link colours darkened to meet WCAG AA contrast (4.5:1)
// on white: the defaults (#1677ff links, 45 % grey descriptions, #ff4d4f errors) fall short.
import type { ThemeConfig } from 'antd';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorPrimaryHover: '#003eb3',
    colorError: '#cf1322',
    colorWarning: '#ad6800',
    colorSuccess: '#237804',
    // Derived from the darker green, the background would be grey-green: a success tag's text on it fails AA.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorInfo: '#0958d9',
    colorInfoText: '#003eb3',
    colorWarningText: '#874d00',
    colorErrorText: '#a8071a',
    colorSuccessText: '#135200',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
};
