// What lays text out in columns is the screen's too: everything above the terminal that
// draws into a buffer measures with the same `DisplayWidth`.
@_exported import TextWidth
