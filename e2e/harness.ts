/** The e2e tests' entry to the rig (implemented in plain JS in rig.mjs so the demo and bench share it). */
export * from './rig.mjs';
