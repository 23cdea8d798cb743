/** The detect-first vendors: Arkose/FunCaptcha, GeeTest v3/v4, AWS WAF (task types unconfirmed). */
import type { VendorModule } from '../vendor';
import { arkoseModule } from './arkose';
import { awsWafModule } from './aws-waf';
import { geetestModule } from './geetest';

export { arkoseModule, awsWafModule, geetestModule };

export const othersModules: VendorModule[] = [arkoseModule, geetestModule, awsWafModule];
