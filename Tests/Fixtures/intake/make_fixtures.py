#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Writes the intake fixtures: Word 申报书 files made the way applicants make them, each with
the dossier YAML (SPEC §3) `iipeval intake` must read it as.

    pip install python-docx
    python3 make_fixtures.py            # FX-001..FX-006 (+ FX-007/FX-008 when soffice exists)
    python3 make_fixtures.py --no-libreoffice

Deterministic: fixed core-property dates, fixed zip entry times, no randomness. The files
are written by python-docx (FX-001..006) or LibreOffice (FX-007, FX-008), never by iipeval.
"""
import sys

sys.dont_write_bytecode = True  # keep the fixture folder free of __pycache__

import datetime
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT  # noqa: F401  (A4 portrait set by size)
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from fx_data import (ATTESTATION_TEXT, CLOUD_OPTIONS, DOSSIERS, EVIDENCE_HEADING, KEYTECH_OPTIONS, L1,
                     NARRATIVE_HEADINGS, ORDER, RECOMMEND_TEXT, ROLE_OPTIONS, ROW, ROWS, TYPE_OPTIONS,
                     applicable)

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = datetime.datetime(2018, 8, 17, 9, 30, 0)
ZIP_TIME = (2018, 8, 17, 9, 30, 0)

CITIES = ["广州", "深圳", "珠海", "汕头", "佛山", "韶关", "河源", "梅州", "惠州", "汕尾", "东莞", "中山",
          "江门", "阳江", "湛江", "茂名", "肇庆", "清远", "潮州", "揭阳", "云浮"]

# ===========================================================================
# Small formatting helpers
# ===========================================================================


def num(v):
    """A number as an applicant types it plainly: 586300, 10.5."""
    if isinstance(v, bool):
        raise TypeError(v)
    if isinstance(v, int):
        return str(v)
    return format(v, "g")


def thousands(v):
    return format(v, ",") if isinstance(v, int) else format(v, ",g")


def date_cn(d):
    return "%d年%d月%d日" % d


def date_iso(d):
    return "%04d-%02d-%02d" % d


def date_dots(d):
    return "%d.%d.%d" % d


def marks(options, chosen, on="☑", off="□", sep=" ", space=""):
    """Check-box options written as characters: '☑公有云 □私有云'."""
    return sep.join((on if key in chosen else off) + space + text for key, text in options)


def yesno(value, on="☑", off="□", space=""):
    if value is None:
        return "%s%s是 %s%s否" % (off, space, off, space)
    return "%s%s是 %s%s否" % (on if value else off, space, off if value else on, space)


def type_option_text(key, text, prefix, platform, blank="_____"):
    if prefix is None:
        return text
    focus = platform["focus"] if platform["type"] == key else blank
    return "%s（%s：%s）" % (text, prefix, focus)


# ===========================================================================
# python-docx helpers
# ===========================================================================


def new_document(author):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin = section.bottom_margin = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), "宋体")
    cp = doc.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = "2018年工业互联网平台申报书"
    cp.subject = ""
    cp.keywords = ""
    cp.comments = ""
    cp.category = ""
    cp.revision = 3
    cp.created = FIXED
    cp.modified = FIXED
    return doc


def save_docx(doc, path):
    buf = io.BytesIO()
    doc.save(buf)
    write_normalised_zip(buf.getvalue(), path)


def write_normalised_zip(data, path, patch=None):
    """Rewrites a zip package with fixed entry times (python-docx and LibreOffice stamp the
    current time), optionally patching members (name -> bytes -> bytes)."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if patch and info.filename in patch:
                body = patch[info.filename](body)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            # ODF wants its mimetype first and stored; keep each member's compression.
            zi.compress_type = info.compress_type
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, body)
    with open(path, "wb") as f:
        f.write(out.getvalue())


def para(container, text="", bold=False, size=None, align=None, font=None, space_after=None):
    p = container.add_paragraph()
    if text:
        add_text(p, text, bold=bold, size=size, font=font)
    if align is not None:
        p.alignment = align
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def add_text(p, text, bold=False, italic=False, underline=False, size=None, font=None):
    """Adds text to a paragraph; '\n' inside becomes a soft line break (w:br)."""
    parts = text.split("\n")
    run = None
    for i, part in enumerate(parts):
        run = p.add_run(part)
        run.bold = bold or None
        run.italic = italic or None
        run.underline = underline or None
        if size:
            run.font.size = Pt(size)
        if font:
            run.font.name = font
            run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if i < len(parts) - 1:
            run.add_break(WD_BREAK.LINE)
    return run


def heading(doc, text, note=None, size=16):
    """A part heading as applicants type it: bold 黑体 text, the form's note in plain text."""
    p = doc.add_paragraph()
    add_text(p, text, bold=True, size=size, font="黑体")
    if note:
        add_text(p, note, size=12)
    return p


def set_cell(cell, paragraphs, bold=False, align=None, size=None):
    """Replaces a cell's text with paragraphs (a str is one paragraph)."""
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    first = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    for r in list(first.runs):
        r._element.getparent().remove(r._element)
    for i, text in enumerate(paragraphs):
        p = first if i == 0 else cell.add_paragraph()
        if text:
            add_text(p, text, bold=bold, size=size)
        if align is not None:
            p.alignment = align
    return cell


def grid_table(doc_or_cell, rows, cols, style="Table Grid"):
    t = doc_or_cell.add_table(rows=rows, cols=cols)
    if style:
        t.style = style
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    return t


def set_widths(table, cms):
    """Column widths as Word stores them: w:gridCol and each cell's w:tcW (spans summed)."""
    tbl = table._tbl
    for gc, w in zip(tbl.tblGrid.gridCol_lst, cms):
        gc.w = Cm(w)
    for tr in tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Cm(sum(cms[col:col + span]))
            col += span
    table.autofit = False
    return table


def hmerge(table, row, c0, c1):
    return table.cell(row, c0).merge(table.cell(row, c1))


def vmerge(table, col, r0, r1):
    return table.cell(r0, col).merge(table.cell(r1, col))


def page_break(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def no_borders(table):
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement("w:" + edge)
        e.set(qn("w:val"), "nil")
        borders.append(e)
    tblPr.append(borders)


# --- Word check boxes -------------------------------------------------------


def sdt_checkbox(p, checked):
    """A Word 2010+ check-box content control (w:sdt / w14:checkbox) showing ☒ or ☐."""
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for a in ("w:ascii", "w:eastAsia", "w:hAnsi"):
        fonts.set(qn(a), "MS Gothic")
    fonts.set(qn("w:hint"), "eastAsia")
    rpr.append(fonts)
    pr.append(rpr)
    sid = OxmlElement("w:id")
    sid.set(qn("w:val"), str(sdt_checkbox.counter))
    sdt_checkbox.counter += 1
    pr.append(sid)
    box = OxmlElement("w14:checkbox")
    c = OxmlElement("w14:checked")
    c.set(qn("w14:val"), "1" if checked else "0")
    box.append(c)
    for tag, code in (("w14:checkedState", "2612"), ("w14:uncheckedState", "2610")):
        s = OxmlElement(tag)
        s.set(qn("w14:val"), code)
        s.set(qn("w14:font"), "MS Gothic")
        box.append(s)
    pr.append(box)
    sdt.append(pr)
    content = OxmlElement("w:sdtContent")
    r = OxmlElement("w:r")
    r.append(copy_xml(rpr))
    t = OxmlElement("w:t")
    t.text = "☒" if checked else "☐"
    r.append(t)
    content.append(r)
    sdt.append(content)
    p._p.append(sdt)


sdt_checkbox.counter = 1001


def copy_xml(el):
    import copy
    return copy.deepcopy(el)


def legacy_checkbox(p, default, checked=None):
    """A legacy form-field check box (FORMCHECKBOX): w:fldChar with w:ffData/w:checkBox.
    `default` is w:default; `checked` (None, True or False) writes w:checked, which wins."""
    n = legacy_checkbox.counter
    legacy_checkbox.counter += 1
    name = "Check%d" % n
    bs = OxmlElement("w:bookmarkStart")
    bs.set(qn("w:id"), str(n))
    bs.set(qn("w:name"), name)
    p._p.append(bs)

    r1 = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "begin")
    ff = OxmlElement("w:ffData")
    e = OxmlElement("w:name")
    e.set(qn("w:val"), name)
    ff.append(e)
    ff.append(OxmlElement("w:enabled"))
    e = OxmlElement("w:calcOnExit")
    e.set(qn("w:val"), "0")
    ff.append(e)
    cb = OxmlElement("w:checkBox")
    cb.append(OxmlElement("w:sizeAuto"))
    e = OxmlElement("w:default")
    e.set(qn("w:val"), "1" if default else "0")
    cb.append(e)
    if checked is not None:
        e = OxmlElement("w:checked")
        if not checked:
            e.set(qn("w:val"), "0")
        cb.append(e)
    ff.append(cb)
    fc.append(ff)
    r1.append(fc)
    p._p.append(r1)

    r2 = OxmlElement("w:r")
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = " FORMCHECKBOX "
    r2.append(it)
    p._p.append(r2)
    for kind in ("separate", "end"):
        r = OxmlElement("w:r")
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), kind)
        r.append(fc)
        p._p.append(r)
    be = OxmlElement("w:bookmarkEnd")
    be.set(qn("w:id"), str(n))
    p._p.append(be)


legacy_checkbox.counter = 1


def proof_err(p, kind):
    e = OxmlElement("w:proofErr")
    e.set(qn("w:type"), kind)
    p._p.append(e)


def split_runs(p, pieces, size=None):
    """A label typed in several runs with different formatting, with the spell-check marks
    Word leaves between them. pieces: [(text, {'bold':..,'italic':..,'underline':..})]."""
    for i, (text, fmt) in enumerate(pieces):
        if i == 1:
            proof_err(p, "spellStart")
        run = p.add_run(text)
        run.bold = fmt.get("bold")
        run.italic = fmt.get("italic")
        run.underline = fmt.get("underline")
        if fmt.get("color"):
            from docx.shared import RGBColor
            run.font.color.rgb = RGBColor.from_string(fmt["color"])
        if size:
            run.font.size = Pt(size)
        if i == 1:
            proof_err(p, "spellEnd")


# ===========================================================================
# Shared pieces of the form
# ===========================================================================


def cover_title(doc):
    para(doc, "附件2", bold=True, font="黑体")
    para(doc)
    para(doc, "2018年工业互联网平台申报书", bold=True, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, font="黑体")
    para(doc)


def instructions(doc):
    para(doc, "填报说明", bold=True, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, font="黑体")
    para(doc, "一、提交材料包括申报书纸质材料和电子文档，申报单位必须确保纸质材料和电子文档的一致性。")
    para(doc, "二、请用A4幅面编辑，正文字号为4号宋体，行距26磅。一级标题3号黑体，二级标题3号楷体。")
    para(doc, "三、纸质材料请使用A4纸双面印刷，装订平整。电子文档以光盘或U盘形式存储。")


def ind_rows(d, sections):
    """The indicator rows a fixture prints: every row of the listed sections."""
    return [r for r in ROWS if r[1] in sections]


def applied_sections(ptype):
    return [s for s in ("basic", "industry", "domain", "region", "cross")
            if applicable({"basic": "basic.device.edge", "industry": "industry.apps", "domain": "domain.apps",
                           "region": "region.apps", "cross": "cross.ops.team"}[s], ptype)]


def value_text(d, ind_id, style):
    """How a fixture prints an indicator value. style: dict with keys
       num (callable), on/off (check glyphs), space (between glyph and text), raw (overrides)."""
    raw = style.get("raw", {})
    if ind_id in raw:
        return raw[ind_id]
    if ind_id in d.get("unreadable", {}):
        return d["unreadable"][ind_id]
    ptype = d["platform"]["type"]
    kind = ROW[ind_id][7]
    value = d["indicators"].get(ind_id) if applicable(ind_id, ptype) else None
    on, off, sp = style.get("on", "☑"), style.get("off", "□"), style.get("space", "")
    if kind == "bool":
        return yesno(value, on, off, sp)
    if kind == "cloud":
        return marks(CLOUD_OPTIONS, value or [], on, off, " ", sp)
    if kind == "keytech":
        chosen = value or []
        text = marks(KEYTECH_OPTIONS, chosen, on, off, " ", sp)
        if "other" in chosen:
            text += "：" + style.get("other_text", "数字孪生")
        return text
    if value is None:
        return ""
    return style.get("num", num)(value)


def breakdown_tables(doc, d, captions, yes="是", no="否", integrated=None, sensor_blank=False):
    b = d["breakdowns"]
    heads = [
        ["行业", "工业设备连接数（台）", "工艺流程数据采集点数（个）", "行业覆盖度（%）",
         "工业机理模型和微服务组件数（个）", "工业APP数（个）", "企业用户数（个）"],
        ["领域", "工业APP数（个）", "是否实现数据打通"],
        ["区域", "是否注册运营实体", "企业用户数（个）"],
    ]
    rows = [
        [[n, num(dev), "" if sp is None else num(sp), num(cov), num(m), num(a), num(e)]
         for n, dev, sp, cov, m, a, e in b["industries"]],
        [[n, num(a), (integrated(i) if integrated else (yes if i else no))] for n, a, i in b["domains"]],
        [[n, yes if ent else no, num(e)] for n, ent, e in b["regions"]],
    ]
    for caption, head, body in zip(captions, heads, rows):
        para(doc, caption, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        t = grid_table(doc, 1 + len(body), len(head))
        for c, h in enumerate(head):
            set_cell(t.cell(0, c), h, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=10)
        for r, cells in enumerate(body, start=1):
            for c, text in enumerate(cells):
                set_cell(t.cell(r, c), text, size=10)
        para(doc)


def narrative_parts(doc, d, with_notes=True):
    for key in ("architecture", "cases", "regional", "roadmap"):
        title, note = NARRATIVE_HEADINGS[key]
        heading(doc, title, note if with_notes else None)
        for text in d["narrative"][key]:
            para(doc, text)


def evidence_table(doc, d, with_note=True):
    title, note = EVIDENCE_HEADING
    heading(doc, title, note if with_note else None)
    t = grid_table(doc, 1 + len(d["evidence"]), 3)
    for c, h in enumerate(["序号", "材料名称", "文件名"]):
        set_cell(t.cell(0, c), h, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for i, (title_, file_) in enumerate(d["evidence"], start=1):
        set_cell(t.cell(i, 0), str(i), align=WD_ALIGN_PARAGRAPH.CENTER)
        set_cell(t.cell(i, 1), title_)
        set_cell(t.cell(i, 2), file_)


def official_applicant_table(doc, d, label=lambda s: s, values=None, attestation_line=None,
                             recommend_line="推荐单位公章：        年    月    日", split=None):
    """一、申报单位基本信息 as the official form lays it out (5 grid columns)."""
    a = d["applicant"]
    f = a["finance"]
    v = values or {}
    t = grid_table(doc, 16, 5)
    L = label
    put = lambda r, c, text, **k: set_cell(t.cell(r, c), text, **k)  # noqa: E731

    hmerge(t, 0, 0, 4)
    put(0, 0, L("牵头单位基本信息"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for r in (1, 2, 3, 10, 11, 12, 13, 14, 15):
        hmerge(t, r, 0, 1)
    hmerge(t, 1, 2, 4)
    put(1, 0, L("单位名称"))
    put(1, 2, a["name"])
    put(2, 0, L("组织机构代码"))
    put(2, 2, a["credit_code"])
    put(2, 3, L("单位性质"))
    put(2, 4, a["nature"])
    put(3, 0, L("单位地址"))
    put(3, 2, a["address"])
    put(3, 3, L("成立时间"))
    put(3, 4, v.get("founded", date_cn(a["founded"])))
    for base, group, key in ((4, "平台负责人", "platform_lead"), (7, "申报联系人", "contact")):
        pr = a[key]
        vmerge(t, 0, base, base + 2)
        put(base, 0, L(group), align=WD_ALIGN_PARAGRAPH.CENTER)
        for i, (l1, k1, l2, k2) in enumerate((("姓名", "name", "电话", "phone"), ("职务", "title", "手机", "mobile"),
                                              ("传真", "fax", "E-mail", "email"))):
            put(base + i, 1, L(l1))
            put(base + i, 2, pr[k1])
            put(base + i, 3, L(l2))
            put(base + i, 4, pr[k2])
    rows = ((10, "总资产(万元)", "total_assets_wan", "负债率", "debt_ratio_pct"),
            (11, "信用等级", "credit_rating", "上年销售(万元)", "sales_wan"),
            (12, "上年税金(万元)", "tax_wan", "上年利润(万元)", "profit_wan"))
    for r, l1, k1, l2, k2 in rows:
        put(r, 0, L(l1))
        put(r, 2, v.get(k1, finance_text(f, k1)))
        put(r, 3, L(l2))
        put(r, 4, v.get(k2, finance_text(f, k2)))
    for r in (13, 14, 15):
        hmerge(t, r, 2, 4)
    put(13, 0, L("企业简介"))
    put(13, 2, a["profile"])
    put(14, 0, L("真实性承诺"))
    att = attestation_line or ("公章：" + date_cn(d["attestation"]) if d["attestation"] else "公章：        年    月    日")
    put(14, 2, [ATTESTATION_TEXT, att])
    t.cell(14, 2).paragraphs[1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    put(15, 0, L("推荐单位"))
    put(15, 2, [RECOMMEND_TEXT, recommend_line])
    t.cell(15, 2).paragraphs[1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return set_widths(t, [2.2, 1.6, 4.6, 2.6, 4.8])


def finance_text(f, key):
    if key == "credit_rating":
        return f[key]
    if key == "debt_ratio_pct":
        return num(f[key]) + "%"
    return num(f[key])


def official_partner_table(doc, d, blocks=3, seal="（签章）", role_cell=None, label=lambda s: s):
    """联合单位基本信息 blocks as the official form lays them out (6 grid columns)."""
    partners = d["partners"]
    t = grid_table(doc, 1 + 3 * blocks, 6)
    hmerge(t, 0, 0, 5)
    set_cell(t.cell(0, 0), label("联合单位基本信息"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for b in range(blocks):
        p = partners[b] if b < len(partners) else None
        r = 1 + 3 * b
        hmerge(t, r, 1, 3)
        set_cell(t.cell(r, 0), label("单位名称 %d" % (b + 1)))
        name = (p["name"] + "　　" + seal) if (p and seal) else (p["name"] if p else (seal or ""))
        set_cell(t.cell(r, 1), name)
        set_cell(t.cell(r, 4), label("机构代码"))
        set_cell(t.cell(r, 5), p["credit_code"] if p else "")
        for c, (lab, key) in enumerate((("平台负责人", "lead"), ("职务", "title"), ("手机", "mobile"))):
            set_cell(t.cell(r + 1, 2 * c), label(lab))
            set_cell(t.cell(r + 1, 2 * c + 1), p[key] if p else "")
        hmerge(t, r + 2, 1, 5)
        set_cell(t.cell(r + 2, 0), label("主要承载功能"))
        cell = t.cell(r + 2, 1)
        if role_cell:
            role_cell(cell, p["roles"] if p else [], b)
        else:
            set_cell(cell, marks(ROLE_OPTIONS, p["roles"] if p else [], "☑", "□", "  ", " "))
    return set_widths(t, [2.2, 3.4, 1.6, 3.0, 1.6, 4.0])


# ===========================================================================
# FX-001: close to the official form
# ===========================================================================


def fx001(d):
    doc = new_document("Administrator")
    a, pf = d["applicant"], d["platform"]
    cover_title(doc)
    para(doc)
    for line in ("牵头申报单位（盖章）：" + a["name"], "平台负责人：" + a["platform_lead"]["name"],
                 "推荐单位（盖章）：" + d["recommender"], "申报日期：" + date_cn(d["submitted"])):
        para(doc, line, size=16)
    para(doc)
    para(doc, "广东省经济和信息化委编制", size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "2018年8月", size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    page_break(doc)
    instructions(doc)
    page_break(doc)

    heading(doc, "一、申报单位基本信息")
    official_applicant_table(doc, d)
    para(doc)
    official_partner_table(doc, d, blocks=3)
    para(doc)

    heading(doc, "二、平台基本信息")
    t = set_widths(grid_table(doc, 7, 2), [3.0, 12.8])
    set_cell(t.cell(0, 0), "平台名称")
    set_cell(t.cell(0, 1), pf["name"])
    vmerge(t, 0, 1, 2)
    set_cell(t.cell(1, 0), "平台类型")
    set_cell(t.cell(1, 1), [("☑ " if pf["type"] == k else "□ ") + type_option_text(k, txt, pre, pf)
                            for k, txt, pre in TYPE_OPTIONS[:3]])
    k, txt, pre = TYPE_OPTIONS[3]
    set_cell(t.cell(2, 1), ("☑ " if pf["type"] == k else "□ ") + txt)
    set_cell(t.cell(3, 0), "平台简介")
    set_cell(t.cell(3, 1), pf["summary"])
    set_cell(t.cell(4, 0), "计划投资")
    set_cell(t.cell(4, 1), num(pf["planned_investment_wan"]) + "万元")
    vmerge(t, 0, 5, 6)
    set_cell(t.cell(5, 0), "IaaS 基础设施")
    set_cell(t.cell(5, 1), ("☑" if pf["iaas"] == "self_built" else "□") + " 自建")
    set_cell(t.cell(6, 1), ("☑" if pf["iaas"] == "leased" else "□") + " 租用（服务商名称：%s）"
             % (pf["iaas_provider"] or "_____"))
    para(doc)

    heading(doc, "三、平台能力信息")
    official_indicator_table(doc, d, {"num": num})
    para(doc)
    breakdown_tables(doc, d, ["分行业统计表", "分领域统计表", "分区域统计表"])
    narrative_parts(doc, d)
    evidence_table(doc, d)
    return doc


def official_indicator_table(doc, d, style):
    """三、平台能力信息 with the three-level merged label columns of the seed form:
    5 grid columns L1 | L2 | L3 | label | value, groups merged vertically (w:vMerge)."""
    rows = ind_rows(d, ["basic", "industry", "domain", "region", "cross"])
    t = grid_table(doc, len(rows), 5)
    for i, (ind_id, sec, l2, l3, label, bare, unit, kind) in enumerate(rows):
        value = value_text(d, ind_id, style)
        if kind in ("cloud", "keytech"):
            c = hmerge(t, i, 3, 4)
            set_cell(c, label + value, size=10)
        elif l3 is None:
            c = hmerge(t, i, 2, 3)
            set_cell(c, label, size=10)
            set_cell(t.cell(i, 4), value, size=10)
        else:
            set_cell(t.cell(i, 3), label, size=10)
            set_cell(t.cell(i, 4), value, size=10)
    # vertical merges: runs of equal groups in columns 0 (L1), 1 (L2), 2 (L3)
    for col, key in ((0, lambda r: r[1]), (1, lambda r: (r[1], r[2])), (2, lambda r: (r[1], r[2], r[3]))):
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or key(rows[i]) != key(rows[start]):
                group = rows[start]
                if col == 2 and group[3] is None:
                    start = i
                    continue
                cell = vmerge(t, col, start, i - 1) if i - 1 > start else t.cell(start, col)
                text = {0: list(L1[group[1]]), 1: group[2], 2: group[3]}[col]
                set_cell(cell, text, size=10, align=WD_ALIGN_PARAGRAPH.CENTER)
                start = i
    return set_widths(t, [2.0, 1.8, 2.2, 7.0, 2.8])


# ===========================================================================
# FX-002: one big table, bare labels, half-width brackets, spaces in labels
# ===========================================================================


def fx002(d):
    doc = new_document("陶联-平台事业部")
    a, pf, f = d["applicant"], d["platform"], d["applicant"]["finance"]
    para(doc, "2018年工业互联网平台申报书", bold=True, size=18, align=WD_ALIGN_PARAGRAPH.CENTER)
    rows = []  # each: ('head', text) | ('kv', [cells]) with 4 cells, None = merged into left

    def head(text):
        rows.append(("head", text))

    def kv(*cells):
        rows.append(("kv", list(cells)))

    kv("牵头申报单位(盖章)", a["name"], None, None)
    kv("平台负责人", a["platform_lead"]["name"], None, None)
    kv("推荐单位(盖章)", d["recommender"], None, None)
    kv("申报日期", date_cn(d["submitted"]), None, None)
    head("一、申报单位基本信息")
    head("牵头单位基本信息")
    kv("单 位 名 称", a["name"], None, None)
    kv("组织机构代码", a["credit_code"], "单 位 性 质", a["nature"])
    kv("单 位 地 址", a["address"], "成 立 时 间", date_cn(a["founded"]))
    for group, key in (("平台负责人", "platform_lead"), ("申报联系人", "contact")):
        pr = a[key]
        head(group)
        kv("姓　　名", pr["name"], "电　　话", pr["phone"])
        kv("职　　务", pr["title"], "手　　机", pr["mobile"])
        kv("传　　真", pr["fax"], "E-mail", pr["email"])
    kv("总资产(万元)", num(f["total_assets_wan"]), "负 债 率", num(f["debt_ratio_pct"]) + "%")
    kv("信用等级", f["credit_rating"], "上年销售(万元)", num(f["sales_wan"]))
    kv("上年税金(万元)", num(f["tax_wan"]), "上年利润(万元)", num(f["profit_wan"]))
    kv("企 业 简 介", a["profile"], None, None)
    kv("真实性承诺", [ATTESTATION_TEXT, "公章：" + date_cn(d["attestation"])], None, None)
    kv("推荐单位", [RECOMMEND_TEXT, "推荐单位公章：" + d["recommend_date_filled"]], None, None)
    head("联合单位基本信息")
    for i, p in enumerate(d["partners"], start=1):
        kv("单位名称%d" % i, p["name"], "机构代码", p["credit_code"])
        kv("平台负责人", p["lead"], "职　　务", p["title"])
        kv("手　　机", p["mobile"], "主要承载功能",
           marks([(k, t.replace(" ", "")) for k, t in ROLE_OPTIONS], p["roles"], "☑", "☐", " "))
    head("二、平台基本信息")
    kv("平 台 名 称", pf["name"], None, None)
    kv("平 台 类 型", [("☑" if pf["type"] == k else "☐") + type_option_text(k, txt, pre, pf, blank="")
                       .replace("（", "(").replace("）", ")").replace("：", ":") for k, txt, pre in TYPE_OPTIONS],
       None, None)
    kv("平 台 简 介", pf["summary"], None, None)
    kv("计划投资(万元)", num(pf["planned_investment_wan"]), None, None)
    kv("IaaS基础设施", ["☑自建" if pf["iaas"] == "self_built" else "☐自建",
                      ("☑" if pf["iaas"] == "leased" else "☐") + "租用(服务商名称:%s)" % (pf["iaas_provider"] or "")],
       None, None)
    head("三、平台能力信息")
    keep_unit = {"basic.compute.bandwidth_mbps", "basic.output.rd_investment_wan", "basic.output.revenue_wan",
                 "industry.coverage_pct"}
    style = {"on": "☑", "off": "☐"}
    for sec in ("basic", "industry", "domain", "region", "cross"):
        head(L1[sec][0])
        for ind_id, s, l2, l3, label, bare, unit, kind in ind_rows(d, [sec]):
            text = bare + ("(%s)" % unit if ind_id in keep_unit else "")
            rows.append(("ind", [text, value_text(d, ind_id, style)]))
    for key in ("architecture", "cases", "regional", "roadmap"):
        head(NARRATIVE_HEADINGS[key][0])
        rows.append(("text", d["narrative"][key]))
    head(EVIDENCE_HEADING[0])
    rows.append(("ev", ["序号", "材料名称", "文件名"]))
    for i, (title, file_) in enumerate(d["evidence"], start=1):
        rows.append(("ev", [str(i), title, file_]))

    t = grid_table(doc, len(rows), 4)
    set_widths(t, [3.2, 5.4, 3.2, 4.0])
    for r, (kind, cells) in enumerate(rows):
        if kind == "head":
            set_cell(hmerge(t, r, 0, 3), cells, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif kind == "text":
            set_cell(hmerge(t, r, 0, 3), cells)
        elif kind == "ind":
            set_cell(hmerge(t, r, 0, 2), cells[0], size=10)
            set_cell(t.cell(r, 3), cells[1], size=10)
        elif kind == "ev":
            set_cell(t.cell(r, 0), cells[0])
            set_cell(hmerge(t, r, 1, 2), cells[1])
            set_cell(t.cell(r, 3), cells[2])
        else:
            c = 0
            while c < 4:
                span = 1
                while c + span < 4 and cells[c + span] is None:
                    span += 1
                cell = hmerge(t, r, c, c + span - 1) if span > 1 else t.cell(r, c)
                set_cell(cell, cells[c] if cells[c] is not None else "")
                c += span
    return doc


# ===========================================================================
# FX-003: many small tables, check marks and numbers of every kind
# ===========================================================================

FX003_RAW = {
    "basic.device.connected": "86.24万",
    "basic.device.sensor_points": "",
    "basic.device.edge": "✓ 是  ☐ 否",
    "basic.device.manageable": "862,400台",
    "basic.device.mgmt_functions": "14类",
    "basic.software.apps": "3,260个",
    "basic.software.monthly_subscriptions": "52,800次",
    "basic.software.monthly_model_calls": "86.5万次",
    "basic.users.registered": "46,800名",
    "basic.users.active": "１２６００",
    "basic.users.enterprises": "12,000 个",
    "basic.compute.realtime_gbps": "1.2GB/s",
    "basic.compute.bandwidth_mbps": "1,000 MB/s",
    "basic.compute.data_tb": "186TB",
    "basic.devtools.monthly_calls": "41,200",
    "basic.devtools.graphical": "□是  √否",
    "basic.security.mechanism": "✔是  □否",
    "basic.arch.cloud": "☑公有云  □私有云  ☑混合云",
    "basic.arch.key_tech": "√设备协议兼容  □边缘计算  √异构数据融合  √工业大数据分析  √工业应用软件开发与部署等  □其他",
    "basic.output.rd_investment_wan": "15,600万元",
    "basic.output.revenue_wan": "4,860万元",
    "basic.output.projects": "318个",
    "basic.output.quality_audit": "■是  □否",
    "domain.lifecycle_data": "[x] 是  [ ] 否",
    "domain.apps": "1,860个",
}


def fx003(d):
    doc = new_document("lianzhi")
    a, pf, f = d["applicant"], d["platform"], d["applicant"]["finance"]
    para(doc, "2018年工业互联网平台申报书", bold=True, size=20, align=WD_ALIGN_PARAGRAPH.CENTER)
    t = grid_table(doc, 4, 2)
    for r, (lab, val) in enumerate((("牵头申报单位（盖章）", a["name"]), ("平台负责人", a["platform_lead"]["name"]),
                                    ("推荐单位（盖章）", d["recommender"]), ("申报日期", date_iso(d["submitted"])))):
        set_cell(t.cell(r, 0), lab)
        set_cell(t.cell(r, 1), val)
    page_break(doc)

    heading(doc, "一、申报单位基本信息")
    para(doc, "牵头单位基本信息", bold=True)
    t = grid_table(doc, 3, 4)
    set_cell(t.cell(0, 0), "单位名称")
    set_cell(hmerge(t, 0, 1, 3), a["name"])
    for r, (l1, v1, l2, v2) in enumerate((("组织机构代码", a["credit_code"], "单位性质", a["nature"]),
                                          ("单位地址", a["address"], "成立时间", date_dots(a["founded"]))), start=1):
        for c, text in enumerate((l1, v1, l2, v2)):
            set_cell(t.cell(r, c), text)
    para(doc)
    # people transposed: the field labels are column heads, one row per person
    t = grid_table(doc, 3, 7)
    for c, h in enumerate(["", "姓名", "职务", "电话", "手机", "传真", "E-mail"]):
        set_cell(t.cell(0, c), h, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=10)
    for r, (group, key) in enumerate((("平台负责人", "platform_lead"), ("申报联系人", "contact")), start=1):
        pr = a[key]
        for c, text in enumerate([group, pr["name"], pr["title"], pr["phone"], pr["mobile"], pr["fax"], pr["email"]]):
            set_cell(t.cell(r, c), text, size=10)
    para(doc)
    t = grid_table(doc, 3, 4)
    fin = (("总资产（万元）", thousands(f["total_assets_wan"]), "负债率", num(f["debt_ratio_pct"]) + "%"),
           ("信用等级", f["credit_rating"], "上年销售（万元）", thousands(f["sales_wan"])),
           ("上年税金（万元）", thousands(f["tax_wan"]), "上年利润（万元）", thousands(f["profit_wan"])))
    for r, cells in enumerate(fin):
        for c, text in enumerate(cells):
            set_cell(t.cell(r, c), text)
    para(doc)
    t = grid_table(doc, 3, 2)
    set_cell(t.cell(0, 0), "企业简介")
    set_cell(t.cell(0, 1), a["profile"])
    set_cell(t.cell(1, 0), "真实性承诺")
    set_cell(t.cell(1, 1), [ATTESTATION_TEXT, "公章：" + date_dots(d["attestation"])])
    set_cell(t.cell(2, 0), "推荐单位")
    set_cell(t.cell(2, 1), [RECOMMEND_TEXT, "推荐单位公章：      年   月   日"])
    para(doc)

    para(doc, "联合单位基本信息", bold=True)
    glyphs = [("[x]", "[ ]"), ("■", "□")]
    for i, p in enumerate(d["partners"]):
        on, off = glyphs[i % 2]
        t = grid_table(doc, 6, 2)
        for r, (lab, val) in enumerate((("单位名称 %d" % (i + 1), p["name"]), ("机构代码", p["credit_code"]),
                                        ("平台负责人", p["lead"]), ("职务", p["title"]), ("手机", p["mobile"]),
                                        ("主要承载功能", marks(ROLE_OPTIONS, p["roles"], on, off, "  ", " ")))):
            set_cell(t.cell(r, 0), lab)
            set_cell(t.cell(r, 1), val)
        para(doc)

    heading(doc, "二、平台基本信息")
    t = set_widths(grid_table(doc, 5, 2), [3.0, 12.8])
    set_cell(t.cell(0, 0), "平台名称")
    set_cell(t.cell(0, 1), pf["name"])
    set_cell(t.cell(1, 0), "平台类型")
    set_cell(t.cell(1, 1), [("■ " if pf["type"] == k else "□ ") + type_option_text(k, txt, pre, pf, blank="　　　　")
                            for k, txt, pre in TYPE_OPTIONS])
    set_cell(t.cell(2, 0), "平台简介")
    set_cell(t.cell(2, 1), pf["summary"])
    set_cell(t.cell(3, 0), "计划投资（万元）")
    set_cell(t.cell(3, 1), thousands(pf["planned_investment_wan"]) + "万元")
    set_cell(t.cell(4, 0), "IaaS 基础设施")
    set_cell(t.cell(4, 1), ("✔" if pf["iaas"] == "self_built" else "□") + "自建    " +
             ("✔" if pf["iaas"] == "leased" else "□") + "租用（服务商名称：%s）" % (pf["iaas_provider"] or "　　　　"))
    para(doc)

    heading(doc, "三、平台能力信息")
    style = {"raw": FX003_RAW, "on": "☑", "off": "□"}
    for n, sec in zip(("（一）", "（二）", "（三）"), applied_sections(pf["type"])):
        para(doc, n + L1[sec][0], bold=True)
        rows = ind_rows(d, [sec])
        t = set_widths(grid_table(doc, len(rows), 2), [10.0, 5.8])
        for r, row in enumerate(rows):
            ind_id, unit = row[0], row[6]
            set_cell(t.cell(r, 0), row[5] + ("（%s）" % unit if unit else ""), size=10)
            set_cell(t.cell(r, 1), value_text(d, ind_id, style), size=10)
        para(doc)
    narrative_parts(doc, d, with_notes=False)
    evidence_table(doc, d, with_note=False)
    return doc


# ===========================================================================
# FX-004: Word check-box controls, legacy form fields, split runs, header/footer
# ===========================================================================

# Labels typed in several runs (text, formatting) — the reader must join them.
FX004_SPLIT = {
    "单位名称": [("单位", {"bold": True}), ("名", {"italic": True}), ("称", {})],
    "E-mail": [("E", {}), ("-", {"bold": True}), ("mail", {"underline": True})],
    "basic.device.connected": [("已连接的", {"bold": True}), ("工业设备", {"italic": True}),
                               ("数量（台）（注：流程行业可不填）", {})],
    "basic.users.enterprises": [("平台服务", {"bold": True}), ("企业用户", {"color": "C00000"}),
                                ("总数（个）（注：须提供服务合同）", {})],
    "region.enterprises": [("在申报区域的", {}), ("企业用户", {"bold": True}), ("数量（个）", {"italic": True})],
}


def fx004_label(cell, text):
    set_cell(cell, "")
    p = cell.paragraphs[0]
    if text in FX004_SPLIT:
        split_runs(p, FX004_SPLIT[text])
    else:
        add_text(p, text)


def fx004_bool(cell, value, legacy=False):
    set_cell(cell, "")
    p = cell.paragraphs[0]
    for text, on in (("是", value is True), ("否", value is False)):
        if legacy:
            legacy_checkbox(p, default=on)
        else:
            sdt_checkbox(p, on)
        add_text(p, " " + text + "  ")


def fx004_options(cell, options, chosen, prefix=""):
    set_cell(cell, "")
    p = cell.paragraphs[0]
    if prefix:
        add_text(p, prefix)
    for key, text in options:
        sdt_checkbox(p, key in chosen)
        add_text(p, text + "  ")


def fx004(d):
    doc = new_document("SONGHU-PC")
    a, pf = d["applicant"], d["platform"]
    sec = doc.sections[0]
    hp = sec.header.paragraphs[0]
    add_text(hp, "2018年工业互联网平台申报书　　单位名称：不应读取")
    fp = sec.footer.paragraphs[0]
    add_text(fp, "申报日期：2099年1月1日（页脚，不应读取）　推荐单位（盖章）：不应读取")
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER

    cover_title(doc)
    for pieces, value in (
            ([("牵头申报", {"bold": True}), ("单位（盖章）", {}), ("：", {})], a["name"]),
            ([("平台", {}), ("负责人", {"bold": True}), ("：", {})], a["platform_lead"]["name"]),
            ([("推荐", {"italic": True}), ("单位（盖章）", {}), ("：", {})], d["recommender"]),
            ([("申报", {}), ("日期", {}), ("：", {})], date_cn(d["submitted"]))):
        p = doc.add_paragraph()
        split_runs(p, pieces, size=16)
        r = p.add_run(value)
        r.underline = True
        r.font.size = Pt(16)
    page_break(doc)

    heading(doc, "一、申报单位基本信息")
    t = official_applicant_table(doc, d)
    fx004_label(t.cell(1, 0), "单位名称")
    fx004_label(t.cell(6, 3), "E-mail")
    para(doc)

    # partner roles as legacy FORMCHECKBOX fields, ticked in the three ways Word records it
    def roles_cell(cell, roles, block):
        set_cell(cell, "")
        p = cell.paragraphs[0]
        for key, text in ROLE_OPTIONS:
            on = key in roles
            if block == 0 and key == "industrial_paas":
                legacy_checkbox(p, default=False, checked=True)      # ticked by w:checked
            elif block == 0 and key == "saas":
                legacy_checkbox(p, default=True, checked=False)      # default ticked, unticked now
            else:
                legacy_checkbox(p, default=on)                       # w:default only
            add_text(p, text + "  ")

    official_partner_table(doc, d, blocks=2, role_cell=roles_cell)
    para(doc)

    heading(doc, "二、平台基本信息")
    t = set_widths(grid_table(doc, 5, 2), [3.0, 12.8])
    set_cell(t.cell(0, 0), "平台名称")
    set_cell(t.cell(0, 1), pf["name"])
    set_cell(t.cell(1, 0), "平台类型")
    c = t.cell(1, 1)
    set_cell(c, "")
    for i, (k, txt, pre) in enumerate(TYPE_OPTIONS):
        p = c.paragraphs[0] if i == 0 else c.add_paragraph()
        sdt_checkbox(p, pf["type"] == k)
        add_text(p, " " + type_option_text(k, txt, pre, pf))
    set_cell(t.cell(2, 0), "平台简介")
    set_cell(t.cell(2, 1), pf["summary"])
    set_cell(t.cell(3, 0), "计划投资（万元）")
    set_cell(t.cell(3, 1), num(pf["planned_investment_wan"]))
    set_cell(t.cell(4, 0), "IaaS 基础设施")
    c = t.cell(4, 1)
    set_cell(c, "")
    p = c.paragraphs[0]
    sdt_checkbox(p, pf["iaas"] == "self_built")
    add_text(p, " 自建")
    p = c.add_paragraph()
    sdt_checkbox(p, pf["iaas"] == "leased")
    add_text(p, " 租用（服务商名称：%s）" % (pf["iaas_provider"] or "_____"))
    para(doc)

    heading(doc, "三、平台能力信息")
    rows = ind_rows(d, applied_sections(pf["type"]))
    t = set_widths(grid_table(doc, len(rows), 4), [2.2, 2.4, 7.8, 3.4])
    legacy_bools = {"basic.security.mechanism", "basic.output.quality_audit"}
    for i, (ind_id, s, l2, l3, label, bare, unit, kind) in enumerate(rows):
        value = d["indicators"].get(ind_id)
        fx004_label(t.cell(i, 2), ind_id if ind_id in FX004_SPLIT else label)
        vc = t.cell(i, 3)
        if kind == "bool":
            fx004_bool(vc, value, legacy=ind_id in legacy_bools)
        elif kind == "cloud":
            fx004_options(vc, CLOUD_OPTIONS, value)
        elif kind == "keytech":
            fx004_options(vc, KEYTECH_OPTIONS, value)
        else:
            set_cell(vc, "" if value is None else num(value))
    for col, key, text in ((0, lambda r: r[1], lambda r: list(L1[r[1]])),
                           (1, lambda r: (r[1], r[3] or r[2]), lambda r: r[3] or r[2])):
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or key(rows[i]) != key(rows[start]):
                cell = vmerge(t, col, start, i - 1) if i - 1 > start else t.cell(start, col)
                set_cell(cell, text(rows[start]), size=10)
                start = i
    para(doc)
    narrative_parts(doc, d)
    evidence_table(doc, d)
    return doc


# ===========================================================================
# FX-005: process industry, label columns spanning two grid columns, nested table
# ===========================================================================


def fx005(d):
    doc = new_document("yueyou")
    a, pf, f = d["applicant"], d["platform"], d["applicant"]["finance"]
    cover_title(doc)
    for lab, val in (("牵头申报单位（盖章）", a["name"]), ("平台负责人", a["platform_lead"]["name"]),
                     ("推荐单位（盖章）", d["recommender"]), ("申报日期", date_cn(d["submitted"]))):
        para(doc, "%s： %s" % (lab, val), size=16)
    page_break(doc)

    heading(doc, "一、申报单位基本信息")
    fields = [("单位名称", a["name"]), ("组织机构代码", a["credit_code"]), ("单位性质", a["nature"]),
              ("单位地址", a["address"]), ("成立时间", date_cn(a["founded"]))]
    people = [("平台负责人", a["platform_lead"]), ("申报联系人", a["contact"])]
    money = [("总资产(万元)", num(f["total_assets_wan"])), ("负债率", num(f["debt_ratio_pct"]) + "%"),
             ("信用等级", f["credit_rating"]), ("上年销售(万元)", num(f["sales_wan"])),
             ("上年税金(万元)", num(f["tax_wan"])), ("上年利润(万元)", num(f["profit_wan"])),
             ("企业简介", a["profile"]),
             ("真实性承诺", [ATTESTATION_TEXT, "公章：" + date_cn(d["attestation"])]),
             ("推荐单位", [RECOMMEND_TEXT, "推荐单位公章：     年   月   日"])]
    n = 1 + len(fields) + 6 * len(people) + len(money)
    t = set_widths(grid_table(doc, n, 4), [2.2, 1.8, 6.0, 5.8])
    set_cell(hmerge(t, 0, 0, 3), "牵头单位基本信息", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    r = 1
    for lab, val in fields:
        set_cell(hmerge(t, r, 0, 1), lab)          # the label spans two grid columns
        set_cell(hmerge(t, r, 2, 3), val)
        r += 1
    for group, pr in people:
        set_cell(vmerge(t, 0, r, r + 5), group, align=WD_ALIGN_PARAGRAPH.CENTER)
        for lab, key in (("姓名", "name"), ("职务", "title"), ("电话", "phone"), ("手机", "mobile"),
                         ("传真", "fax"), ("E-mail", "email")):
            set_cell(t.cell(r, 1), lab)
            set_cell(hmerge(t, r, 2, 3), pr[key])
            r += 1
    for lab, val in money:
        set_cell(hmerge(t, r, 0, 1), lab)
        set_cell(hmerge(t, r, 2, 3), val)
        r += 1
    para(doc)

    para(doc, "联合单位基本信息", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for i, p in enumerate(d["partners"], start=1):
        t = grid_table(doc, 6, 4)
        for r, (lab, val) in enumerate((("单位名称 %d" % i, p["name"] + "（签章）"), ("机构代码", p["credit_code"]),
                                        ("平台负责人", p["lead"]), ("职务", p["title"]), ("手机", p["mobile"]))):
            set_cell(hmerge(t, r, 0, 1), lab)
            set_cell(hmerge(t, r, 2, 3), val)
        set_cell(hmerge(t, 5, 0, 1), "主要承载功能")
        cell = hmerge(t, 5, 2, 3)
        set_cell(cell, "")
        inner = cell.add_table(rows=len(ROLE_OPTIONS), cols=2)   # a table inside the cell
        inner.style = "Table Grid"
        for k, (key, text) in enumerate(ROLE_OPTIONS):
            set_cell(inner.cell(k, 0), text, size=10)
            set_cell(inner.cell(k, 1), "☑" if key in p["roles"] else "☐", size=10,
                     align=WD_ALIGN_PARAGRAPH.CENTER)
        para(doc)

    heading(doc, "二、平台基本信息")
    t = set_widths(grid_table(doc, 5, 4), [2.2, 1.8, 6.0, 5.8])
    type_lines = [("☑ " if pf["type"] == k else "☐ ") + type_option_text(k, txt, pre, pf) for k, txt, pre in TYPE_OPTIONS]
    iaas_lines = [("☑" if pf["iaas"] == "self_built" else "☐") + " 自建",
                  ("☑" if pf["iaas"] == "leased" else "☐") + " 租用（服务商名称：%s）" % (pf["iaas_provider"] or "_____")]
    for r, (lab, val) in enumerate((("平台名称", pf["name"]), ("平台类型", type_lines), ("平台简介", pf["summary"]),
                                    ("计划投资（万元）", num(pf["planned_investment_wan"])), ("IaaS 基础设施", iaas_lines))):
        set_cell(hmerge(t, r, 0, 1), lab)
        set_cell(hmerge(t, r, 2, 3), val)
    para(doc)

    heading(doc, "三、平台能力信息")
    rows = []
    for sec in applied_sections(pf["type"]):
        rows.append(("head", sec))
        rows += [("row", r) for r in ind_rows(d, [sec])]
    t = set_widths(grid_table(doc, len(rows), 4), [2.2, 2.0, 7.8, 3.8])
    style = {"on": "☑", "off": "☐", "space": " "}
    for i, (kind, row) in enumerate(rows):
        if kind == "head":
            set_cell(hmerge(t, i, 0, 3), "".join(L1[row]), bold=True)
            continue
        set_cell(hmerge(t, i, 1, 2), row[4], size=10)   # the label spans two grid columns
        set_cell(t.cell(i, 3), value_text(d, row[0], style), size=10)
    start = None
    for i in range(len(rows) + 1):
        grp = (rows[i][1][1], rows[i][1][3] or rows[i][1][2]) if i < len(rows) and rows[i][0] == "row" else None
        if start is not None and (grp != start[1]):
            cell = vmerge(t, 0, start[0], i - 1) if i - 1 > start[0] else t.cell(start[0], 0)
            set_cell(cell, start[1][1], size=10)
            start = None
        if grp is not None and start is None:
            start = (i, grp)
    para(doc)
    narrative_parts(doc, d)
    evidence_table(doc, d)
    return doc


# ===========================================================================
# FX-006: cross platform, central recommender, dates missing, unreadable and empty values
# ===========================================================================


def fx006(d):
    doc = new_document("Lenovo User")
    a, pf = d["applicant"], d["platform"]
    cover_title(doc)
    t = grid_table(doc, 4, 2, style=None)
    no_borders(t)
    for r, (lab, val) in enumerate((("牵头申报单位（盖章）：", a["name"]), ("平台负责人：", a["platform_lead"]["name"]),
                                    ("推荐单位（盖章）：", d["recommender"]), ("申报日期：", "        年    月    日"))):
        set_cell(t.cell(r, 0), lab, size=16, align=WD_ALIGN_PARAGRAPH.RIGHT)
        set_cell(t.cell(r, 1), val, size=16)
    para(doc)
    para(doc, "广东省经济和信息化委编制", size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "2018年8月", size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    page_break(doc)

    heading(doc, "一、申报单位基本信息")
    official_applicant_table(doc, d, attestation_line="公章：        年    月    日")
    para(doc)
    official_partner_table(doc, d, blocks=3, seal=None)
    para(doc)

    heading(doc, "二、平台基本信息")
    t = set_widths(grid_table(doc, 5, 2), [3.0, 12.8])
    rows = (("平台名称", pf["name"]),
            ("平台类型", [("☑ " if pf["type"] == k else "□ ") + type_option_text(k, txt, pre, pf) for k, txt, pre in TYPE_OPTIONS]),
            ("平台简介", pf["summary"]), ("计划投资（万元）", num(pf["planned_investment_wan"])),
            ("IaaS 基础设施", ["☑ 自建" if pf["iaas"] == "self_built" else "□ 自建",
                             ("☑" if pf["iaas"] == "leased" else "□") + " 租用（服务商名称：_____）"]))
    for r, (lab, val) in enumerate(rows):
        set_cell(t.cell(r, 0), lab)
        set_cell(t.cell(r, 1), val)
    para(doc)

    heading(doc, "三、平台能力信息")
    rows = []
    for sec in applied_sections(pf["type"]):
        rows.append(("head", sec))
        rows += [("row", r) for r in ind_rows(d, [sec])]
    t = set_widths(grid_table(doc, 1 + len(rows), 2), [11.0, 4.8])
    set_cell(t.cell(0, 0), "指标", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    set_cell(t.cell(0, 1), "填报内容", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    style = {"on": "☑", "off": "□"}
    for i, (kind, row) in enumerate(rows, start=1):
        if kind == "head":
            set_cell(hmerge(t, i, 0, 1), list(L1[row]), bold=True)
            continue
        label = row[4]
        cut = label.find("（注")
        parts = [label] if cut < 0 else [label[:cut], label[cut:]]   # the note on its own line
        set_cell(t.cell(i, 0), parts, size=10)
        text = "" if row[0] in d["blank"] else value_text(d, row[0], style)
        set_cell(t.cell(i, 1), text, size=10)
    para(doc)
    breakdown_tables(doc, d, ["附表1：分行业统计表", "附表2：分领域统计表", "附表3：分区域统计表"],
                     integrated=lambda v: "☑是 □否" if v else "□是 ☑否")
    narrative_parts(doc, d)
    evidence_table(doc, d)
    return doc


# ===========================================================================
# FX-008: an HTML form converted to Word by LibreOffice
# ===========================================================================


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_cell(text, tag="td", attrs=""):
    if isinstance(text, list):
        inner = "".join("<p>%s</p>" % esc(t).replace("\n", "<br>") for t in text)
    else:
        inner = esc(text).replace("\n", "<br>")
    return "<%s%s>%s</%s>" % (tag, attrs, inner, tag)


def fx008_html(d):
    a, pf, f = d["applicant"], d["platform"], d["applicant"]["finance"]
    out = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8">',
           '<title>2018年工业互联网平台申报书</title>',
           '<style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:2px 4px}</style>',
           '</head><body>',
           '<p><b>附件2</b></p>', '<h1 style="text-align:center">2018年工业互联网平台申报书</h1>',
           '<p>牵头申报单位（盖章）：%s</p>' % esc(a["name"]),
           '<p>平台负责人：%s</p>' % esc(a["platform_lead"]["name"]),
           '<p>推荐单位（盖章）：%s</p>' % esc(d["recommender"]),
           '<p>申报日期：%s</p>' % date_cn(d["submitted"]),
           '<h2>一、申报单位基本信息</h2>',
           '<table>',
           '<tr><th colspan="5">牵头单位基本信息</th></tr>',
           '<tr><td colspan="2">单位名称</td><td colspan="3">%s</td></tr>' % esc(a["name"]),
           '<tr><td colspan="2">组织机构代码</td><td>%s</td><td>单位性质</td><td>%s</td></tr>' % (a["credit_code"], esc(a["nature"])),
           '<tr><td colspan="2">单位地址</td><td>%s</td><td>成立时间</td><td>%s</td></tr>' % (esc(a["address"]), date_cn(a["founded"]))]
    for group, key in (("平台负责人", "platform_lead"), ("申报联系人", "contact")):
        pr = a[key]
        out.append('<tr><td rowspan="3">%s</td><td>姓名</td><td>%s</td><td>电话</td><td>%s</td></tr>' % (group, pr["name"], pr["phone"]))
        out.append('<tr><td>职务</td><td>%s</td><td>手机</td><td>%s</td></tr>' % (pr["title"], pr["mobile"]))
        out.append('<tr><td>传真</td><td>%s</td><td>E-mail</td><td>%s</td></tr>' % (pr["fax"], pr["email"]))
    out += ['<tr><td colspan="2">总资产(万元)</td><td>%s</td><td>负债率</td><td>%s%%</td></tr>' % (num(f["total_assets_wan"]), num(f["debt_ratio_pct"])),
            '<tr><td colspan="2">信用等级</td><td>%s</td><td>上年销售(万元)</td><td>%s</td></tr>' % (f["credit_rating"], num(f["sales_wan"])),
            '<tr><td colspan="2">上年税金(万元)</td><td>%s</td><td>上年利润(万元)</td><td>%s</td></tr>' % (num(f["tax_wan"]), num(f["profit_wan"])),
            '<tr><td colspan="2">企业简介</td>%s</tr>' % html_cell(a["profile"], attrs=' colspan="3"'),
            '<tr><td colspan="2">真实性承诺</td>%s</tr>' % html_cell([ATTESTATION_TEXT, "公章：" + date_cn(d["attestation"])], attrs=' colspan="3"'),
            '<tr><td colspan="2">推荐单位</td>%s</tr>' % html_cell([RECOMMEND_TEXT, "推荐单位公章：　　年　月　日"], attrs=' colspan="3"'),
            '</table>', '<p></p>', '<table>', '<tr><th colspan="6">联合单位基本信息</th></tr>']
    for i, p in enumerate(d["partners"], start=1):
        out.append('<tr><td>单位名称 %d</td><td colspan="3">%s</td><td>机构代码</td><td>%s</td></tr>' % (i, esc(p["name"]), p["credit_code"]))
        out.append('<tr><td>平台负责人</td><td>%s</td><td>职务</td><td>%s</td><td>手机</td><td>%s</td></tr>' % (p["lead"], p["title"], p["mobile"]))
        out.append('<tr><td>主要承载功能</td><td colspan="5">%s</td></tr>' % esc(marks(ROLE_OPTIONS, p["roles"], "☑", "☐", "　", " ")))
    out += ['</table>', '<h2>二、平台基本信息</h2>', '<table>',
            '<tr><td>平台名称</td><td>%s</td></tr>' % esc(pf["name"]),
            '<tr><td>平台类型</td>%s</tr>' % html_cell([("☑ " if pf["type"] == k else "☐ ") + type_option_text(k, txt, pre, pf) for k, txt, pre in TYPE_OPTIONS]),
            '<tr><td>平台简介</td>%s</tr>' % html_cell(pf["summary"]),
            '<tr><td>计划投资（万元）</td><td>%s</td></tr>' % num(pf["planned_investment_wan"]),
            '<tr><td>IaaS 基础设施</td>%s</tr>' % html_cell([("☑" if pf["iaas"] == "self_built" else "☐") + " 自建",
                                                          ("☑" if pf["iaas"] == "leased" else "☐") + " 租用（服务商名称：%s）" % (pf["iaas_provider"] or "_____")]),
            '</table>', '<h2>三、平台能力信息</h2>', '<table>']
    style = {"on": "☑", "off": "☐", "space": " "}
    for sec in applied_sections(pf["type"]):
        rows = ind_rows(d, [sec])
        first = True
        for row in rows:
            cells = ""
            if first:
                cells += html_cell(list(L1[sec]), attrs=' rowspan="%d"' % len(rows))
                first = False
            cells += html_cell(row[4]) + html_cell(value_text(d, row[0], style))
            out.append("<tr>%s</tr>" % cells)
    out.append('</table>')
    for key in ("architecture", "cases", "regional", "roadmap"):
        title, note = NARRATIVE_HEADINGS[key]
        out.append('<h2>%s%s</h2>' % (title, note))
        out += ['<p>%s</p>' % esc(t).replace("\n", "<br>") for t in d["narrative"][key]]
    title, note = EVIDENCE_HEADING
    out += ['<h2>%s</h2>' % title, '<table>', '<tr><th>序号</th><th>材料名称</th><th>文件名</th></tr>']
    out += ['<tr><td>%d</td><td>%s</td><td>%s</td></tr>' % (i, esc(t), esc(fn)) for i, (t, fn) in enumerate(d["evidence"], 1)]
    out += ['</table>', '</body></html>', '']
    return "\n".join(out)


# ===========================================================================
# Expected dossier YAML (SPEC §3), by the reading rules of README.md
# ===========================================================================


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ynum(v):
    return num(v)


def block(indent, key, paragraphs):
    text = "\n".join(paragraphs)
    pad = " " * (indent + 2)
    return ["%s%s: |-" % (" " * indent, key)] + [pad + line if line else "" for line in text.split("\n")]


def flow(pairs):
    return "{" + ", ".join("%s: %s" % (k, v) for k, v in pairs if v is not None) + "}"


def recommender_kind(name):
    for city in CITIES:
        if city in name:
            return "city", city
    return "central", None


def expected_yaml(fid, d):
    a, pf, f = d["applicant"], d["platform"], d["applicant"]["finance"]
    out = ["# What `iipeval intake %s` must produce (reading rules: README.md)." % fixture_file(fid),
           "format: iip-dossier/1", "id: %s" % fid]
    if d["submitted"]:
        out.append("submitted: %s" % date_iso(d["submitted"]))
    kind, city = recommender_kind(d["recommender"])
    out += ["recommender:", "  name: %s" % q(d["recommender"]), "  kind: %s" % kind]
    if city:
        out.append("  city: %s" % q(city))
    code = a["credit_code"]
    out += ["applicant:", "  name: %s" % q(a["name"]), "  credit_code: %s" % q(code),
            "  nature: %s" % q(a["nature"]), "  address: %s" % q(a["address"]),
            "  founded: %s" % date_iso(a["founded"]),
            "  registered_in_guangdong: %s" % ("true" if code[2:4] == "44" else "false"),
            "  independent_legal_person: %s" % ("false" if "分公司" in a["name"] else "true")]
    for key in ("platform_lead", "contact"):
        pr = a[key]
        out.append("  %s: %s" % (key, flow([(k, q(pr[k])) for k in ("name", "title", "phone", "mobile", "email")])))
    out.append("  finance: %s" % flow([("total_assets_wan", ynum(f["total_assets_wan"])),
                                       ("debt_ratio_pct", ynum(f["debt_ratio_pct"])),
                                       ("credit_rating", q(f["credit_rating"])), ("sales_wan", ynum(f["sales_wan"])),
                                       ("tax_wan", ynum(f["tax_wan"])), ("profit_wan", ynum(f["profit_wan"]))]))
    out += block(2, "profile", a["profile"])
    if d["partners"]:
        out.append("partners:")
        for p in d["partners"]:
            out += ["  - name: %s" % q(p["name"]), "    credit_code: %s" % q(p["credit_code"]),
                    "    lead: %s" % q(p["lead"]), "    title: %s" % q(p["title"]), "    mobile: %s" % q(p["mobile"]),
                    "    roles: [%s]" % ", ".join(k for k, _ in ROLE_OPTIONS if k in p["roles"])]
    else:
        out.append("partners: []")
    out += ["platform:", "  name: %s" % q(pf["name"]), "  type: %s" % pf["type"]]
    if pf["focus"]:
        out.append("  focus: %s" % q(pf["focus"]))
    out.append("  sector: %s" % sector_of(d))
    out += block(2, "summary", pf["summary"])
    out += ["  planned_investment_wan: %s" % ynum(pf["planned_investment_wan"]), "  iaas: %s" % pf["iaas"]]
    if pf["iaas"] == "leased":
        out.append("  iaas_provider: %s" % q(pf["iaas_provider"]))
    out.append("indicators:")
    for ind_id in ORDER:
        if ind_id not in d["indicators"] or not applicable(ind_id, pf["type"]):
            continue
        v = d["indicators"][ind_id]
        if isinstance(v, bool):
            text = "true" if v else "false"
        elif isinstance(v, list):
            options = CLOUD_OPTIONS if ind_id == "basic.arch.cloud" else KEYTECH_OPTIONS
            text = "[%s]" % ", ".join(k for k, _ in options if k in v)
        else:
            text = ynum(v)
        out.append("  %s: %s" % (ind_id, text))
    if pf["type"] == "cross":
        b = d["breakdowns"]
        out += ["breakdowns:", "  industries:"]
        for n, dev, sp, cov, m, ap, e in b["industries"]:
            out.append("    - %s" % flow([("name", q(n)), ("devices", ynum(dev)),
                                          ("sensor_points", None if sp is None else ynum(sp)),
                                          ("coverage_pct", ynum(cov)), ("models", ynum(m)), ("apps", ynum(ap)),
                                          ("enterprises", ynum(e))]))
        out.append("  domains:")
        for n, ap, i in b["domains"]:
            out.append("    - %s" % flow([("name", q(n)), ("apps", ynum(ap)), ("integrated", "true" if i else "false")]))
        out.append("  regions:")
        for n, ent, e in b["regions"]:
            out.append("    - %s" % flow([("name", q(n)), ("entity", "true" if ent else "false"), ("enterprises", ynum(e))]))
    out.append("narrative:")
    for key in ("architecture", "cases", "regional", "roadmap"):
        out += block(2, key, d["narrative"][key])
    out.append("evidence:")
    for title, file_ in d["evidence"]:
        out.append("  - %s" % flow([("title", q(title)), ("file", q("%s/%s" % (fid, file_)))]))
    if d["attestation"]:
        out.append("attestation: {signed: true, date: %s}" % date_iso(d["attestation"]))
    else:
        out.append("attestation: {signed: false}")
    return "\n".join(out) + "\n"


def sector_of(d):
    """From which device rows of 三 are filled (a row holding any text is filled)."""
    ind = d["indicators"]
    connected = "basic.device.connected" in ind or "basic.device.connected" in d.get("unreadable", {})
    sensors = "basic.device.sensor_points" in ind or "basic.device.sensor_points" in d.get("unreadable", {})
    sector = {(True, False): "discrete", (False, True): "process", (True, True): "mixed"}[(connected, sensors)]
    assert sector == d["platform"]["sector"], (sector, d["platform"]["sector"])
    return sector


def fixture_file(fid):
    return {"FX-007": "FX-007.odt"}.get(fid, fid + ".docx")


# ===========================================================================
# Evidence folders and main
# ===========================================================================


def write_evidence(fid, d):
    folder = os.path.join(HERE, fid)
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    for title, file_ in d["evidence"]:
        with open(os.path.join(folder, file_), "w", encoding="utf-8") as fh:
            fh.write("%%PDF-1.4\n%% placeholder for intake fixture %s: %s\n%%%%EOF\n" % (fid, title))


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def soffice():
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def convert(src, target_filter, out_path):
    """Runs LibreOffice headless in a private profile; returns the converted bytes."""
    exe = soffice()
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        outdir = os.path.join(tmp, "out")
        cmd = [exe, "-env:UserInstallation=" + profile, "--headless", "--norestore"]
        if src.endswith(".html"):
            cmd.append("--infilter=HTML (StarWriter)")  # load as a Writer document, not Writer/Web
        cmd += ["--convert-to", target_filter, "--outdir", outdir, src]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        produced = os.listdir(outdir)
        assert len(produced) == 1, produced
        with open(os.path.join(outdir, produced[0]), "rb") as fh:
            data = fh.read()
    return data


FIXED_ISO = "2018-08-17T09:30:00"


def fix_odf_meta(body):
    text = body.decode("utf-8")
    text = re.sub(r"(<meta:creation-date>)[^<]*(</meta:creation-date>)", r"\g<1>%s\2" % FIXED_ISO, text)
    text = re.sub(r"(<dc:date>)[^<]*(</dc:date>)", r"\g<1>%s\2" % FIXED_ISO, text)
    text = re.sub(r"(<meta:editing-duration>)[^<]*(</meta:editing-duration>)", r"\1PT0S\2", text)
    return text.encode("utf-8")


def fix_odf_settings(body):
    """LibreOffice stores a random editing-session id (Rsid, RsidRoot) in settings.xml."""
    text = body.decode("utf-8")
    text = re.sub(r'(config:name="Rsid(?:Root)?" config:type="int">)\d+(<)', r"\g<1>1048576\2", text)
    return text.encode("utf-8")


def fix_ooxml_core(body):
    text = body.decode("utf-8")
    text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", r"\g<1>%sZ\2" % FIXED_ISO, text)
    return text.encode("utf-8")


def main(argv):
    use_lo = "--no-libreoffice" not in argv
    renderers = {"FX-001": fx001, "FX-002": fx002, "FX-003": fx003, "FX-004": fx004, "FX-005": fx005, "FX-006": fx006}
    dossiers = {fid: make() for fid, make in DOSSIERS.items()}
    for fid, render in renderers.items():
        sdt_checkbox.counter, legacy_checkbox.counter = 1001, 1
        d = dossiers[fid]
        save_docx(render(d), os.path.join(HERE, fid + ".docx"))
        write_text(os.path.join(HERE, fid + ".expected.yaml"), expected_yaml(fid, d))
        write_evidence(fid, d)
        print("wrote %s.docx, %s.expected.yaml, %s/" % (fid, fid, fid))

    html = fx008_html(dossiers["FX-008"])
    write_text(os.path.join(HERE, "FX-008.html"), html)
    if not use_lo:
        print("skipped FX-007.odt and FX-008.docx (--no-libreoffice)")
        return 0
    if not soffice():
        print("LibreOffice (soffice) not found: FX-007.odt and FX-008.docx not written;"
              " apt-get install -y libreoffice-writer-nogui", file=sys.stderr)
        return 0
    odt = convert(os.path.join(HERE, "FX-003.docx"), "odt", None)
    write_normalised_zip(odt, os.path.join(HERE, "FX-007.odt"), patch={"meta.xml": fix_odf_meta, "settings.xml": fix_odf_settings})
    write_text(os.path.join(HERE, "FX-007.expected.yaml"), expected_yaml("FX-007", dossiers["FX-003"]))
    write_evidence("FX-007", dossiers["FX-003"])
    print("wrote FX-007.odt (LibreOffice from FX-003.docx), FX-007.expected.yaml, FX-007/")
    docx = convert(os.path.join(HERE, "FX-008.html"), 'docx:MS Word 2007 XML', None)
    write_normalised_zip(docx, os.path.join(HERE, "FX-008.docx"), patch={"docProps/core.xml": fix_ooxml_core})
    write_text(os.path.join(HERE, "FX-008.expected.yaml"), expected_yaml("FX-008", dossiers["FX-008"]))
    write_evidence("FX-008", dossiers["FX-008"])
    print("wrote FX-008.html, FX-008.docx (LibreOffice from FX-008.html), FX-008.expected.yaml, FX-008/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
