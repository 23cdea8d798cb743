/** The vendor frames the frame agent runs in (the manifest's content_scripts entry, wxt.config.ts). */
export const FRAME_AGENT_MATCHES = ['https://challenges.cloudflare.com/*', 'https://*.hcaptcha.com/*'];
