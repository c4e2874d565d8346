import IIPCore

/// A small seedable generator: fuzz rounds and random kill moments can be replayed from the
/// seed a failure message names. The program's own (the bootstrap draws with it).
public typealias SeededRandom = SplitMix64
