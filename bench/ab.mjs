// Interleaved A/B runs: A B, B A, A B, … so that slow drift of a shared machine (and any order effect)
// falls on both sides equally; each pair is measured back to back.

/** Run `runs` pairs of the two async measurements, alternating which goes first. */
export async function interleaved(runs, measureA, measureB) {
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      a.push(await measureA(i));
      b.push(await measureB(i));
    } else {
      b.push(await measureB(i));
      a.push(await measureA(i));
    }
  }
  return { a, b };
}

/**
 * Interleaved A/B on one tab in each browser (`a`: with the extension, `b`: the baseline): `warmUp(page)`
 * once on each tab, then `runs` pairs of `measure(page)`. The tabs are closed afterwards.
 */
export async function interleavedTabs(a, b, runs, measure, warmUp = measure) {
  const pageA = await a.context.newPage();
  const pageB = await b.context.newPage();
  try {
    await warmUp(pageA);
    await warmUp(pageB);
    return await interleaved(
      runs,
      () => measure(pageA),
      () => measure(pageB),
    );
  } finally {
    await pageA.close();
    await pageB.close();
  }
}
