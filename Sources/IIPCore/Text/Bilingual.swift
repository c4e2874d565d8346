import Foundation

/// A message for a person in both languages the program speaks. Lower layers (the store, the
/// file writer, the sheet reader) say what went wrong in both, so that the workbench shows the
/// user's language whichever layer the message comes from; the command line prints English.
public struct Bilingual: Sendable, Equatable, CustomStringConvertible {
    public let english: String
    public let chinese: String

    public init(_ english: String, chinese: String) {
        self.english = english
        self.chinese = chinese
    }

    public var description: String { english }

    public func text(chinese: Bool) -> String { chinese ? self.chinese : english }

    /// The message about `subject` (a file, a program): `subject: message`.
    public func prefixed(_ subject: String) -> Bilingual {
        Bilingual("\(subject): \(english)", chinese: "\(subject)：\(chinese)")
    }

    /// Any error in both languages: an error that says itself in both; a system error by its
    /// code; anything else in the words it came with, under a Chinese heading.
    public init(_ error: Error) {
        if let said = error as? SaysBothLanguages {
            self = said.bilingual
        } else if let code = Bilingual.systemCode(of: error) {
            self = Bilingual.system(code)
        } else {
            let english = "\(error)"
            self.init(english, chinese: "系统报告：\(english)")
        }
    }

    /// The system's reason for `code` (an `errno`): English as the system says it, Chinese
    /// for the reasons a user meets (a full disk, no permission, a missing file).
    public static func system(_ code: Int32) -> Bilingual {
        let english = String(cString: strerror(code))
        let chinese: String
        switch code {
        case ENOSPC, EDQUOT: chinese = "磁盘已满"
        case EACCES, EPERM: chinese = "没有权限"
        case ENOENT: chinese = "文件或文件夹不存在"
        case EROFS: chinese = "磁盘只读"
        case EIO: chinese = "读写错误（磁盘或 U 盘可能已损坏或被拔出）"
        case EISDIR: chinese = "是文件夹"
        case ENOTDIR: chinese = "路径中有一段不是文件夹"
        case EEXIST: chinese = "已存在"
        case ENAMETOOLONG: chinese = "名称太长"
        case EMLINK, ELOOP: chinese = "链接太多"
        case EXDEV: chinese = "不在同一磁盘上"
        case EBUSY: chinese = "正被占用"
        default: chinese = "系统错误：\(english)"
        }
        return Bilingual(english, chinese: chinese)
    }

    /// The `errno` behind a Foundation or POSIX error, when there is one.
    private static func systemCode(of error: Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
            case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
            case .fileWriteOutOfSpace: return ENOSPC
            case .fileWriteVolumeReadOnly: return EROFS
            case .fileWriteFileExists: return EEXIST
            default: return nil
            }
        }
        return nil
    }
}

/// An error that says itself in both languages.
public protocol SaysBothLanguages: Error {
    var bilingual: Bilingual { get }
}
