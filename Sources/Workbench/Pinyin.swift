import Foundation

/// Chinese names in the order a Chinese reader expects: by their pinyin (ICU's Han-Latin
/// transliteration, through Foundation), tones and case set aside; Latin letters and digits
/// as they are.
enum Pinyin {
    static func sortKey(_ name: String) -> String {
        let latin = name.applyingTransform(.mandarinToLatin, reverse: false) ?? name
        let plain = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        return plain.lowercased()
    }
}
