/**
 * Maps a CKAN package of data.overheid.nl to a DCAT-AP-NL 3.0 dataset record with its distributions (as blank
 * nodes of the record). It reads the DCAT-AP-DONL 1.1 fields (`authority`, `publisher`, `access_rights`,
 * `contact_point_*`, ...) and the older 2014-2015 fields (`maintainer`, `contact_point`, `landingpage`,
 * `temporal_from`, a single `theme`, ...), so records of both generations map without crashing.
 */
import type { BlankNode, NamedNode } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { ADMS, DCAT, DCATAP, DCT, EUAUTH, FOAF, OWMS, RDF, VCARD, XSD } from '../../vocab/namespaces';
import type { HarvestedRecord } from '../Harvester';
import { organisationIri } from '../organisations';
import { cleanText, isBlank, RecordBuilder, toIri } from '../rdf';
import {
  EU_THEME_BY_OWMS, FORMAT_BY_NAME, FREQUENCY_BY_NAME, LANGUAGE_BY_TAG, LICENCE_BY_ID, TAG_BY_LANGUAGE,
  fileTypeIri, mediaTypeIri,
} from './valueLists';

const { literal, namedNode } = DataFactory;

/** A CKAN package as `package_search` or `package_show` returns it; fields vary between generations. */
export type CkanPackage = Readonly<Record<string, unknown>> & {
  readonly id?: string;
  readonly name?: string;
  readonly metadata_modified?: string;
  readonly resources?: ReadonlyArray<Readonly<Record<string, unknown>>>;
};

/** The EU regulation on high-value datasets, the `dcatap:applicableLegislation` of a high-value dataset. */
const HVD_REGULATION = 'http://data.europa.eu/eli/reg_impl/2023/138/oj';

/** Returns the IRI of a package's dataset: its `identifier` when that is an IRI, else one minted from its name. */
export function datasetIri(pkg: CkanPackage, baseIri: string): string {
  const identifier = toIri(pkg.identifier);
  return identifier ?? `${baseIri}id/dataset/${encodeURIComponent(String(pkg.name ?? pkg.id ?? 'unknown'))}`;
}

/**
 * Maps one package. Values that cannot be used become warnings of the record; the shapes decide later whether
 * what remains is enough to publish it.
 */
export function mapPackage(pkg: CkanPackage, options: { baseIri: string; sourceUrl: string }): HarvestedRecord {
  const iri = datasetIri(pkg, options.baseIri);
  const record = new RecordBuilder(iri);
  const dataset = record.subject;
  const tag = languageTag(pkg.metadata_language) ?? languageTag(first(pkg.language)) ?? 'nl';

  // Identity and description.
  record.add(dataset, RDF.type, DCAT.Dataset);
  record.addText(dataset, DCT.identifier, pkg.identifier ?? pkg.name ?? pkg.id);
  record.addText(dataset, DCT.title, pkg.title, tag);
  record.addText(dataset, DCT.description, stripHtml(pkg.notes), tag);
  for (const keyword of keywords(pkg.tags)) record.addText(dataset, DCAT.keyword, keyword, tag);
  record.addText(dataset, DCAT.version, pkg.version);
  record.addText(dataset, ADMS.versionNotes, first(pkg.version_notes), tag);

  // Organisations: the authority created the data, the publisher publishes it. Before 2018 these were
  // `maintainer` and `author`.
  const creator = organisationIri(stringValue(pkg.authority ?? pkg.maintainer));
  const publisher = organisationIri(stringValue(pkg.publisher ?? pkg.author ?? pkg.maintainer));
  if (creator) record.add(dataset, DCT.creator, namedNode(creator));
  if (publisher) record.add(dataset, DCT.publisher, namedNode(publisher));
  addContactPoint(record, pkg);

  // Dates, typed by their form.
  record.addDate(dataset, DCT.issued, pkg.issued);
  record.addDate(dataset, DCT.modified, pkg.modified);
  addPeriod(record, pkg.temporal_start ?? pkg.temporal_from, pkg.temporal_end ?? pkg.temporal_to);

  // Access, licence, languages, frequency and status.
  const licence = licenceIri(record, pkg.license_id ?? pkg.license);
  addAccessRights(record, pkg);
  for (const language of list(pkg.language)) addLanguage(record, dataset, language);
  addFrequency(record, pkg.frequency ?? pkg.accrual_periodicity);
  if (licence) record.add(dataset, DCT.license, licence);
  if (toIri(pkg.dataset_status)) record.add(dataset, ADMS.status, namedNode(toIri(pkg.dataset_status)!));
  if (pkg.high_value === true || pkg.high_value === 'true') record.add(dataset, DCATAP.applicableLegislation, namedNode(HVD_REGULATION));

  // Themes: an OWMS theme becomes the EU data theme it maps to, and stays as subject.
  for (const theme of list(pkg.theme)) addTheme(record, theme);

  // Pages and references.
  for (const landingPage of list(pkg.url ?? pkg.landingpage).slice(0, 1)) record.addIri(dataset, DCAT.landingPage, landingPage);
  for (const page of list(pkg.documentation)) record.addIri(dataset, FOAF.page, page);
  for (const standard of list(pkg.conforms_to)) record.addIri(dataset, DCT.conformsTo, standard);
  for (const spatial of list(pkg.spatial_value)) if (toIri(spatial)) record.add(dataset, DCT.spatial, namedNode(toIri(spatial)!));

  // Distributions, with the dataset's licence where they have none of their own.
  for (const resource of pkg.resources ?? []) addDistribution(record, resource, licence, tag);

  const label = typeof pkg.title === 'string' ? cleanText(pkg.title) : undefined;
  return { iri, quads: record.quads, sourceUrl: options.sourceUrl, findings: record.findings, ...(label ? { label } : {}) };
}

function addContactPoint(record: RecordBuilder, pkg: CkanPackage): void {
  const name = stringValue(pkg.contact_point_name);
  const email = stringValue(pkg.contact_point_email) ?? emailIn(pkg.contact_point) ?? stringValue(pkg.maintainer_email);
  const website = stringValue(pkg.contact_point_website) ?? (toIri(pkg.contact_point) && !emailIn(pkg.contact_point) ? stringValue(pkg.contact_point) : undefined);
  const phone = stringValue(pkg.contact_point_phone);
  if (!name && !email && !website && !phone) return;

  const node = record.node();
  record.add(record.subject, DCAT.contactPoint, node);
  record.add(node, RDF.type, VCARD.Organization);
  record.addText(node, VCARD.fn, name ?? stringValue(pkg.maintainer_displayname)?.split('|').pop() ?? email);
  if (email) record.addIri(node, VCARD.hasEmail, `mailto:${email.replace(/^mailto:/i, '')}`);
  if (website) record.addIri(node, VCARD.hasURL, website);
  if (phone) record.addIri(node, VCARD.hasTelephone, `tel:${phone.replace(/[^\d+]/g, '')}`);
}

function addPeriod(record: RecordBuilder, start: unknown, end: unknown): void {
  if (isBlank(start) && isBlank(end)) return;
  const period = record.node();
  record.add(record.subject, DCT.temporal, period);
  record.add(period, RDF.type, DCT.PeriodOfTime);
  record.addDate(period, DCAT.startDate, start);
  record.addDate(period, DCAT.endDate, end);
}

function addAccessRights(record: RecordBuilder, pkg: CkanPackage): void {
  const value = stringValue(pkg.access_rights);
  const code = value ? /access-right\/([A-Z_]+)$/.exec(value)?.[1] ?? ({ publiek: 'PUBLIC', beperkt: 'RESTRICTED', 'niet-publiek': 'NON_PUBLIC' } as Record<string, string>)[value.toLowerCase()] : undefined;
  if (code) {
    record.add(record.subject, DCT.accessRights, EUAUTH.term(`access-right/${code}`));
    return;
  }
  if (value) {
    record.warn(DCT.accessRights, value, {
      nl: `De toegangsrechten "${value}" staan niet in de EU-lijst access-right en zijn weggelaten.`,
      en: `Access rights "${value}" are not in the EU access-right list and were left out.`,
    });
    return;
  }
  // Records from before 2018 have no access rights; CKAN's own `isopen` says the licence is open.
  if (pkg.isopen === true) {
    record.add(record.subject, DCT.accessRights, EUAUTH.term('access-right/PUBLIC'));
    record.findings.push({
      severity: 'info', focusNode: record.subject.value, path: DCT.accessRights.value,
      message: {
        nl: 'De toegangsrechten ontbreken; omdat CKAN de licentie open noemt (isopen), is PUBLIC aangenomen.',
        en: 'Access rights are missing; because CKAN calls the licence open (isopen), PUBLIC was assumed.',
      },
    });
  }
}

function addLanguage(record: RecordBuilder, subject: NamedNode | BlankNode, value: unknown): void {
  const code = languageCode(value);
  if (code) record.add(subject, DCT.language, EUAUTH.term(`language/${code}`));
  else if (!isBlank(value)) {
    record.warn(DCT.language, String(value), {
      nl: `De taal "${String(value)}" is onbekend en is weggelaten.`,
      en: `Language "${String(value)}" is unknown and was left out.`,
    });
  }
}

function addFrequency(record: RecordBuilder, value: unknown): void {
  const text = stringValue(value);
  if (!text) return;
  const eu = /resource\/authority\/frequency\/([A-Z_0-9]+)$/.exec(text)?.[1];
  const code = eu ?? FREQUENCY_BY_NAME[text.replace(/^.*\//, '').toLowerCase()];
  if (code) record.add(record.subject, DCT.accrualPeriodicity, EUAUTH.term(`frequency/${code}`));
  else {
    record.warn(DCT.accrualPeriodicity, text, {
      nl: `De frequentie "${text}" is onbekend en is weggelaten.`,
      en: `Frequency "${text}" is unknown and was left out.`,
    });
  }
}

function addTheme(record: RecordBuilder, value: unknown): void {
  const iri = toIri(value);
  if (!iri) {
    if (!isBlank(value)) record.addIri(record.subject, DCAT.theme, value);
    return;
  }
  const owms = iri.replace(/^https:/, 'http:');
  const euCode = owms.startsWith(OWMS.namespace) ? EU_THEME_BY_OWMS[decodeURIComponent(owms.slice(OWMS.namespace.length))] : undefined;
  if (euCode) {
    record.add(record.subject, DCAT.theme, EUAUTH.term(`data-theme/${euCode}`));
    record.add(record.subject, DCT.subject, namedNode(owms));
  } else {
    record.add(record.subject, DCAT.theme, namedNode(iri));
  }
}

function addDistribution(record: RecordBuilder, resource: Readonly<Record<string, unknown>>, datasetLicence: NamedNode | undefined, tag: string): void {
  const distribution = record.node();
  record.add(record.subject, DCAT.distribution, distribution);
  record.add(distribution, RDF.type, DCAT.Distribution);
  record.addIri(distribution, DCAT.accessURL, resource.url);
  for (const download of list(resource.download_url)) record.addIri(distribution, DCAT.downloadURL, download);
  record.addText(distribution, DCT.title, resource.name, tag);
  record.addText(distribution, DCT.description, stripHtml(resource.description), tag);

  // Format and media type, from whichever of `format`, `media_type` and `mimetype` is set.
  const format = stringValue(resource.format);
  const mediaType = stringValue(resource.media_type) ?? stringValue(resource.mimetype) ?? (format && /^[a-z]+\/[\w.+-]+$/i.test(format) ? format : undefined);
  const known = format ? FORMAT_BY_NAME[format.toLowerCase()] ?? formatFromMediaType(format) : undefined;
  if (format && /\/file-type\/[A-Z_0-9]+$/.test(format)) record.addIri(distribution, DCT.format, format);
  else if (known?.fileType) record.add(distribution, DCT.format, namedNode(fileTypeIri(known.fileType)));
  const media = mediaType ?? known?.mediaType;
  if (media) record.add(distribution, DCAT.mediaType, namedNode(media.startsWith('http') ? media : mediaTypeIri(media.toLowerCase())));

  // Licence, size, dates, language and type.
  const licence = licenceIri(record, resource.license_id) ?? datasetLicence;
  if (licence) record.add(distribution, DCT.license, licence);
  const size = Number(resource.size ?? resource.bytesize);
  if ((typeof resource.size === 'number' || /^\d+$/.test(String(resource.size ?? resource.bytesize ?? ''))) && Number.isSafeInteger(size) && size > 0) {
    record.add(distribution, DCAT.byteSize, literal(String(size), XSD.nonNegativeInteger));
  }
  record.addDate(distribution, DCT.issued, resource.release_date ?? resource.created);
  record.addDate(distribution, DCT.modified, resource.modification_date ?? resource.last_modified);
  for (const language of list(resource.language)) addLanguage(record, distribution, language);
  for (const schema of list(resource.linked_schemas)) record.addIri(distribution, DCT.conformsTo, schema);
  if (toIri(resource.distribution_type)) record.add(distribution, DCT.type, namedNode(toIri(resource.distribution_type)!));
}

function licenceIri(record: RecordBuilder, value: unknown): NamedNode | undefined {
  const text = stringValue(value);
  if (!text) return undefined;
  const iri = toIri(text) ?? LICENCE_BY_ID[text.toLowerCase()];
  if (iri) return namedNode(iri);
  record.warn(DCT.license, text, {
    nl: `De licentie "${text}" is onbekend en is weggelaten; gebruik een licentie-URI.`,
    en: `Licence "${text}" is unknown and was left out; use a licence URI.`,
  });
  return undefined;
}

function formatFromMediaType(value: string): { mediaType?: string; fileType?: string } | undefined {
  return Object.values(FORMAT_BY_NAME).find((format) => format.mediaType === value.toLowerCase());
}

/** Returns the EU language code for an EU language IRI, a language tag or a language name. */
function languageCode(value: unknown): string | undefined {
  const text = stringValue(value);
  if (!text) return undefined;
  return /\/authority\/language\/([A-Z]{3})$/.exec(text)?.[1] ?? LANGUAGE_BY_TAG[text.toLowerCase()];
}

function languageTag(value: unknown): string | undefined {
  const code = languageCode(value);
  return code ? TAG_BY_LANGUAGE[code] : undefined;
}

/** Returns a field as a list: arrays as they are, a single value as a list of one, blanks as an empty list. */
function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.filter((item) => !isBlank(item));
  return isBlank(value) ? [] : [value];
}

function first(value: unknown): unknown {
  return list(value)[0];
}

function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function emailIn(value: unknown): string | undefined {
  const text = stringValue(value);
  return text && /^(mailto:)?[^\s@]+@[^\s@]+\.[^\s@]+$/i.test(text) ? text.replace(/^mailto:/i, '') : undefined;
}

function keywords(tags: unknown): string[] {
  return list(tags).map((tag) => (typeof tag === 'object' && tag !== null ? (tag as { name?: unknown; display_name?: unknown }).display_name ?? (tag as { name?: unknown }).name : tag))
    .filter((tag): tag is string => typeof tag === 'string' && tag.trim() !== '');
}

/** Removes HTML tags that older descriptions contain, keeping their text. */
function stripHtml(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '\n\n').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}
