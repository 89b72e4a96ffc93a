import { BOLD, createPdfDocument, finishPdf, REGULAR } from '../../../drivers/printer/documents/pdf-document';
import {
  type ElectronicLicence,
  licenceKinds,
  licenceMaterialCode,
} from '../../../sync/protocol/electronic-licences';

/**
 * The rendered page of an electronic licence (电子证照): one A4 page with the licence's title, the
 * "电子证照" marking and its fields, which stands in for a photographed copy of the material it certifies.
 * Deterministic: the metadata dates are the licence's issue date, so the same licence always gives the
 * same bytes and the same SHA-256 (which is how the store names the copy it offers).
 */

const sexNames = { male: '男', female: '女' } as const;
const roleNames = {
  legalRepresentative: '法定代表人',
  shareholder: '股东',
  manager: '经理',
  employee: '员工',
  agent: '代理人',
} as const;
const disabilityKindNames = {
  vision: '视力残疾',
  hearing: '听力残疾',
  speech: '言语残疾',
  physical: '肢体残疾',
  intellectual: '智力残疾',
  mental: '精神残疾',
  multiple: '多重残疾',
} as const;
const gradeNames = ['一级', '二级', '三级', '四级'] as const;

type Row = readonly [label: string, value: string];

/** The kind's own fields, as the paper licence labels them. */
function kindRows(licence: ElectronicLicence): Row[] {
  switch (licence.kind) {
    case 'idCard':
      return [
        ['性别', sexNames[licence.sex]],
        ['民族', licence.nation],
        ['出生', licence.birthDate],
        ['住址', licence.address],
        ['公民身份号码', licence.holderIdNumber],
      ];
    case 'householdRegister':
      return [
        ['户号', licence.licenceNumber],
        ['户主姓名', licence.headName],
        ['住址', licence.registeredAddress],
        ...licence.members.map(
          (member): Row => [`成员（${member.relation}）`, `${member.name}  ${member.idNumber}`],
        ),
      ];
    case 'marriageCertificate':
      return [
        ['登记日期', licence.registeredOn],
        ['结婚证字号', licence.licenceNumber],
        ['配偶姓名', licence.spouseName],
        ['配偶身份证件号', licence.spouseIdNumber],
      ];
    case 'birthMedicalCertificate':
      return [
        ['新生儿姓名', licence.childName],
        ['性别', sexNames[licence.childSex]],
        ['出生时间', licence.childBirthDate],
        ['出生证编号', licence.certificateNumber],
        ['父（母）亲姓名', licence.holderName],
      ];
    case 'businessLicence':
      return [
        ['统一社会信用代码', licence.creditCode],
        ['名称', licence.businessName],
        ['类型', licence.businessKind === 'company' ? '有限责任公司' : '个体工商户'],
        [licence.businessKind === 'company' ? '法定代表人' : '经营者', licence.legalRepresentative],
        ['成立日期', licence.registeredOn],
        [licence.businessKind === 'company' ? '住所' : '经营场所', licence.address],
        ['持照人', `${licence.holderName}（${roleNames[licence.holderRole]}）`],
      ];
    case 'realEstateCertificate':
      return [
        ['证书号', licence.certificateNumber],
        ['权利人', licence.holderName],
        ['坐落', licence.address],
        ['面积', `${licence.floorArea.toFixed(2)} 平方米`],
        ['权利份额', `${licence.sharePercent}%`],
      ];
    case 'drivingLicence':
      return [
        ['证号', licence.licenceNumber],
        ['姓名', licence.holderName],
        ['准驾车型', licence.licenceClass],
        ['初次领证日期', licence.firstIssuedOn],
      ];
    case 'disabilityCertificate':
      return [
        ['残疾人证号', licence.certificateNumber],
        ['姓名', licence.holderName],
        ['残疾类别', disabilityKindNames[licence.disabilityKind]],
        ['残疾等级', gradeNames[licence.grade - 1]!],
      ];
    case 'veteranCard':
      return [
        ['证号', licence.licenceNumber],
        ['姓名', licence.holderName],
      ];
  }
}

/** Every row of the page: the holder, the kind's own fields, then who issued it and for how long. */
export function licenceRows(licence: ElectronicLicence): Row[] {
  return [
    ['姓名', licence.holderName],
    ...kindRows(licence).filter(([label]) => label !== '姓名'),
    ['证照编号', licence.licenceNumber],
    ['发证机关', licence.issuer],
    ['发证日期', licence.issuedOn],
    ['有效期至', licence.validTo ?? '长期'],
  ];
}

export function licencePageTitle(licence: ElectronicLicence): string {
  return licenceKinds[licence.kind].title;
}

const page = { width: 595.28, height: 841.89, margin: 56 };

/** The licence's page as a one-page PDF, the same bytes for the same licence. */
export function renderLicencePage(licence: ElectronicLicence): Promise<Buffer> {
  const title = licencePageTitle(licence);
  const issued = new Date(`${licence.issuedOn}T00:00:00Z`);
  const doc = createPdfDocument(`${title}（电子证照）`, issued);
  doc.addPage({ size: [page.width, page.height], margin: page.margin });
  const inner = page.width - 2 * page.margin;

  // The marking: a framed band above the title, so the page is never taken for a photographed paper.
  doc.lineWidth(1.5).strokeColor('#b22222');
  doc.rect(page.margin, page.margin, inner, 34).stroke();
  doc.font(BOLD).fontSize(16).fillColor('#b22222');
  doc.text('电子证照', page.margin, page.margin + 8, { width: inner, align: 'center' });
  doc.font(BOLD).fontSize(24).fillColor('black');
  doc.text(title, page.margin, page.margin + 56, { width: inner, align: 'center' });

  const labelWidth = 140;
  let y = page.margin + 112;
  const rows = licenceRows(licence);
  // A household of up to 30 members still fits the one page in smaller type.
  const compact = rows.length > 24;
  const gap = compact ? 3 : 10;
  doc.fontSize(compact ? 9 : 12);
  for (const [label, value] of rows) {
    doc.font(REGULAR).fillColor('#555555').text(label, page.margin, y, { width: labelWidth });
    doc.font(REGULAR).fillColor('black');
    const height = doc.heightOfString(value, { width: inner - labelWidth });
    doc.text(value, page.margin + labelWidth, y, { width: inner - labelWidth });
    y += height + gap;
  }

  doc.font(REGULAR).fontSize(9).fillColor('#555555');
  doc.text(
    `本页由电子证照库生成（材料 ${licenceMaterialCode(licence)}），非纸质证件的拍照件。`,
    page.margin,
    page.height - page.margin - 14,
    { width: inner, align: 'center', lineBreak: false },
  );
  return finishPdf(doc);
}
