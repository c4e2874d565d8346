import Foundation

/// Why a file cannot be read as a 申报书 at all (exit 2): typed, so that each language says it.
public struct UnreadableDocument: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The file is larger than a 申报书 can be.
        case tooLarge(bytes: Int64, limit: Int64)
        /// Not a zip package (and not a format LibreOffice was asked to convert).
        case notAPackage
        case damagedPackage
        /// The package has no main document part.
        case noDocumentPart(String)
        /// The main document part inflates past the limit, whatever its header says.
        case unpacksTooLarge(limit: Int64)
        case damagedPart(String)
        /// A Word document without one heading or label of the 申报书.
        case notAForm
        /// The package names two main documents, or holds two of the one it names.
        case twoMainParts
        /// A DTD or entity declaration: never written by Word, refused unparsed.
        case declaresEntities
        case damagedXML(line: Int, detail: String)
        /// Tables inside tables deeper than a form ever has.
        case tablesTooDeep(limit: Int)
        /// Not a regular file (a folder, a device, a pipe) or one that cannot be opened.
        case notAFile
        case cannotRead(String)
        /// A .doc/.wps/.odt/.rtf and no LibreOffice to convert it.
        case needsLibreOffice
        case conversionFailed(String)
    }

    public let file: String
    public let reason: Reason

    public init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason.message(chinese: false))" }
}

extension UnreadableDocument.Reason {
    /// What is wrong, in Chinese or in English.
    public func message(chinese zh: Bool) -> String {
        switch self {
        case let .tooLarge(bytes, limit):
            return zh ? "文件有 \(megabytes(bytes)) MB，超过申报书可能的大小（\(megabytes(limit)) MB）；请去掉嵌入的图片或视频后另存"
                : "\(megabytes(bytes)) MB is larger than a 申报书 can be (\(megabytes(limit)) MB); save it again without embedded media"
        case .notAPackage:
            return zh ? "不是 Word 文档（.docx 应是 zip 包，此文件不是）" : "not a Word document (a .docx is a zip package; this file is not one)"
        case .damagedPackage:
            return zh ? "Word 文档已损坏：zip 包无法读取" : "a damaged Word document: its zip package cannot be read"
        case let .noDocumentPart(part):
            return zh ? "不是 Word 文档：包内没有 \(part)" : "not a Word document: it has no \(part)"
        case let .unpacksTooLarge(limit):
            return zh ? "正文解压后超过 \(megabytes(limit)) MB，不是申报书（疑似 zip 炸弹）"
                : "its text unpacks to more than \(megabytes(limit)) MB: not a 申报书 (a zip bomb?)"
        case let .damagedPart(part):
            return zh ? "Word 文档已损坏：\(part) 无法解压" : "a damaged Word document: \(part) cannot be unpacked"
        case .notAForm:
            return zh ? "Word 文档中没有申报书的任何标题或栏目（如“单位名称”“平台名称”），不是申报书"
                : "the document has none of the 申报书's headings or labels (单位名称, 平台名称…): not a 申报书"
        case .twoMainParts:
            return zh ? "Word 文档包内有两份正文，无法确定 Word 显示哪一份；请在 Word 或 WPS 中打开后另存"
                : "the package holds two main documents, and which one Word shows cannot be known; open it in Word or WPS and save it again"
        case .declaresEntities:
            return zh ? "文档含 DTD 或实体声明（Word 从不这样写），拒绝读取" : "its document declares a DTD or entities, which Word never writes; refused"
        case let .damagedXML(line, detail):
            return zh ? "文档 XML 已损坏（第 \(line) 行：\(detail)）" : "its document is damaged XML (line \(line): \(detail))"
        case let .tablesTooDeep(limit):
            return zh ? "表格嵌套超过 \(limit) 层，不是申报书" : "its tables are nested more than \(limit) deep: not a 申报书"
        case .notAFile:
            return zh ? "不是普通文件（是文件夹、管道或设备）" : "not a regular file (a folder, a pipe or a device)"
        case let .cannotRead(detail):
            return zh ? "打开失败（\(detail)）" : "opening it failed (\(detail))"
        case .needsLibreOffice:
            return zh ? "此格式需用 LibreOffice 转换为 .docx，本机未安装（apt-get install libreoffice-writer-nogui）；或在 Word、WPS 中另存为 .docx"
                : "this format is converted to .docx by LibreOffice, which is not installed (apt-get install libreoffice-writer-nogui); "
                + "or save it as .docx in Word or WPS"
        case let .conversionFailed(detail):
            return zh ? "LibreOffice 转换失败：\(detail)" : "LibreOffice could not convert it: \(detail)"
        }
    }

    private func megabytes(_ bytes: Int64) -> String {
        bytes >= 1 << 20 ? String(bytes >> 20) : "<1"
    }
}
