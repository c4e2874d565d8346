import Foundation

/// The 21 prefecture-level cities of Guangdong and the recommendation quotas of the 2018
/// notice (二、(二)): 广州、深圳 5; other Pearl River Delta cities 3; the rest 2.
public enum GuangdongCity {
    public static let quotaFive: Set<String> = ["广州", "深圳"]
    public static let pearlRiverDelta: Set<String> = ["珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆"]
    public static let others: Set<String> = ["汕头", "韶关", "河源", "梅州", "汕尾", "阳江", "湛江", "茂名",
                                             "清远", "潮州", "揭阳", "云浮"]
    public static let all = quotaFive.union(pearlRiverDelta).union(others)

    /// `佛山市` and `佛山` name the same city.
    public static func bareName(_ name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        return trimmed.hasSuffix("市") ? String(trimmed.dropLast()) : trimmed
    }

    /// How many platforms the city's authority may recommend.
    public static func quota(of city: String) -> Int {
        if quotaFive.contains(city) { return 5 }
        if pearlRiverDelta.contains(city) { return 3 }
        return 2
    }
}
