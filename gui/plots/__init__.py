"""The live CPU graph and the sampler that feeds it."""
