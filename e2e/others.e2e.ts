// Arkose, GeeTest v3/v4 and AWS WAF end to end: detected from the DOM in the real browser and listed as
// jobs with their parameters, but never sent to the API (their task types are unconfirmed: disabled in
// their task rows, lib/captcha/others/vendor.ts). Vendor scripts are aborted offline: their tags are the
// evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launch, until } from './harness';

interface StoredJob {
  kind: string;
  status: string;
  frameUrl: string;
  widget: { websiteKey: string; extra?: Record<string, string> };
}

describe('detect-only vendors', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({ solveMs: 500 });
  });
  afterAll(() => h?.close());

  const jobsOf = async (path: string): Promise<StoredJob[]> =>
    (Object.values((await h.storage('jobs')) ?? {}) as StoredJob[]).filter((j) => j.frameUrl.includes(path));

  it.each([
    [
      'others/arkose.html',
      'funcaptcha',
      '476068BF-9607-4799-B53D-966BE98E2B81',
      { surl: 'https://client-api.arkoselabs.com' },
    ],
    [
      'others/geetest-v3.html',
      'geetest-v3',
      '022397c99c9f646f6477822485f30404',
      {
        gt: '022397c99c9f646f6477822485f30404',
        challenge: '12ae1159ffdfcbbc306897e8d9bf6d06',
        api_server: 'api.geetest.com',
      },
    ],
    ['others/geetest-v4.html', 'geetest-v4', '54088bb07d2df3c46b79f80300b0abbe', undefined],
    [
      'others/aws-waf.html',
      'aws-waf',
      'AQIDAHjcYu/GjX+QlghicBgQ/7bFaQZ+m5FKCMDnO+vTbNg96AHDh0IR5tuFixture',
      { iv: 'CgAHbCe2GgAAAAAA', context: 'rRVUx8uuzFixtureContext==' },
    ],
  ])('%s: a %s job with its parameters, no createTask', async (path, kind, websiteKey, extra) => {
    const page = await h.open(path);
    const [job] = await until(
      async () => {
        const jobs = await jobsOf(path);
        return jobs.length > 0 ? jobs : null;
      },
      20_000,
      `job for ${path}`,
    );
    expect(job).toMatchObject({ kind, status: 'detected', widget: { websiteKey } });
    if (extra) expect(job!.widget.extra).toMatchObject(extra);
    // Give a wrongly enabled type the time to be sent before asserting it was not.
    await new Promise((r) => setTimeout(r, 1000));
    expect(h.createdTasks().filter((b) => String(b.task?.websiteURL).includes(path))).toEqual([]);
    await page.close();
  });
});
