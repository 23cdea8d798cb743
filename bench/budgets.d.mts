export const BUDGETS: {
  perFrameScriptBytes: number;
  chromeZipBytes: number;
  translationZipBytes: number;
  pageLoadOverhead: number;
  domChurnOverhead: number;
  detectionP50Ms: number;
  deliveryP50Ms: number;
  popupFirstRenderMs: number;
};
