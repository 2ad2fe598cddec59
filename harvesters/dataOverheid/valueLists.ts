/**
 * Value lists of the data.overheid.nl mapping, written as small tables: licences, media types and file types,
 * languages, update frequencies, and OWMS themes (TaxonomieBeleidsagenda) with the EU data theme each one maps
 * to. The OWMS-to-EU theme table is ours: each of the 17 main OWMS themes is mapped to the EU data theme that
 * covers it, and each sub-theme to its main theme's, except where a closer EU theme exists (Energie, ICT,
 * Luchtvaart). Themes not in the table are kept as they are.
 */
import { EUAUTH, IANA_MEDIA, OWMS } from '../../vocab/namespaces';

/** EU data theme code (`http://publications.europa.eu/resource/authority/data-theme/{code}`) per OWMS theme. */
export const EU_THEME_BY_OWMS: Readonly<Record<string, string>> = {
  'Bestuur': 'GOVE',
  'Cultuur_en_recreatie': 'EDUC',
  'Economie': 'ECON',
  'Financien': 'ECON',
  'Huisvesting_(thema)': 'REGI',
  'Internationaal': 'INTR',
  'Landbouw_(thema)': 'AGRI',
  'Migratie_en_integratie': 'SOCI',
  'Natuur_en_milieu': 'ENVI',
  'Onderwijs_en_wetenschap': 'EDUC',
  'Openbare_orde_en_veiligheid': 'JUST',
  'Recht_(thema)': 'JUST',
  'Ruimte_en_infrastructuur': 'REGI',
  'Sociale_zekerheid': 'SOCI',
  'Verkeer_(thema)': 'TRAN',
  'Werk_(thema)': 'SOCI',
  'Zorg_en_gezondheid': 'HEAL',
  'Afval_(thema)': 'ENVI',
  'Arbeidsomstandigheden_(thema)': 'SOCI',
  'Arbeidsvoorwaarden': 'SOCI',
  'Basisonderwijs_(thema)': 'EDUC',
  'Begroting': 'ECON',
  'Belasting': 'ECON',
  'Beroepsonderwijs_(thema)': 'EDUC',
  'Bestuursrecht': 'JUST',
  'Bezwaar_en_klachten': 'JUST',
  'Bodem': 'ENVI',
  'Bouwen_en_verbouwen': 'REGI',
  'Bouwnijverheid': 'ECON',
  'Burgerlijk_recht': 'JUST',
  'Criminaliteit': 'JUST',
  'Cultuur_(thema)': 'EDUC',
  'De_Nederlandse_Antillen_en_Aruba': 'GOVE',
  'Defensie_(thema)': 'INTR',
  'Dieren_(thema)': 'AGRI',
  'Emigratie_(thema)': 'SOCI',
  'Energie': 'ENER',
  'Ethiek': 'HEAL',
  'Europese_zaken': 'INTR',
  'Financieel_toezicht': 'ECON',
  'Geluid_(thema)': 'ENVI',
  'Gemeenten': 'GOVE',
  'Geneesmiddelen_en_medische_hulpmiddelen': 'HEAL',
  'Gezin_en_kinderen': 'SOCI',
  "Gezondheidsrisico's": 'HEAL',
  'Handel': 'ECON',
  'Hoger_onderwijs_(thema)': 'EDUC',
  'Huren_en_verhuren': 'REGI',
  'ICT': 'TECH',
  'Immigratie_(thema)': 'SOCI',
  'Industrie_(thema)': 'ECON',
  'Inkomensbeleid': 'ECON',
  'Integratie_(thema)': 'SOCI',
  'Internationale_samenwerking_(thema)': 'INTR',
  'Jongeren_(gezondheid-thema)': 'HEAL',
  'Jongeren_(thema)': 'SOCI',
  'Koninklijk_Huis_(thema)': 'GOVE',
  'Kopen_en_verkopen': 'REGI',
  'Kunst_(thema)': 'EDUC',
  'Levensloop': 'SOCI',
  'Lucht': 'ENVI',
  'Luchtvaart': 'TRAN',
  'Markttoezicht': 'ECON',
  'Media': 'EDUC',
  'Militaire_missies': 'INTR',
  'Nabestaanden': 'SOCI',
  'Natuur-_en_landschapsbeheer': 'ENVI',
  'Nederlanderschap_(thema)': 'SOCI',
  'Netwerken': 'REGI',
  'Ondernemen': 'ECON',
  'Onderzoek_en_wetenschap': 'EDUC',
  'Ontslag_(thema)': 'SOCI',
  'Ontwikkelingssamenwerking': 'INTR',
  'Organisatie_en_beleid': 'GOVE',
  'Ouderen': 'SOCI',
  'Overige_economische_sectoren': 'ECON',
  'Overige_vormen_van_onderwijs': 'EDUC',
  'Parlement': 'GOVE',
  'Planten': 'AGRI',
  'Politie_brandweer_en_hulpdiensten': 'JUST',
  'Provincies': 'GOVE',
  'Rampen': 'JUST',
  'Rechtspraak': 'JUST',
  'Recreatie_(thema)': 'EDUC',
  'Reizen': 'INTR',
  'Religie': 'EDUC',
  'Rijksoverheid': 'GOVE',
  'Ruimtelijke_ordening': 'REGI',
  'Spoor': 'TRAN',
  'Sport_(thema)': 'EDUC',
  'Staatsrecht': 'JUST',
  'Staatsveiligheid': 'JUST',
  'Stoffen': 'ENVI',
  'Strafrecht': 'JUST',
  'Terrorisme_(thema)': 'JUST',
  'Tijdelijk_verblijf': 'SOCI',
  'Toerisme': 'ECON',
  'Transport_(thema)': 'ECON',
  'Verzekeringen': 'HEAL',
  'Voeding': 'HEAL',
  'Voedselkwaliteit': 'AGRI',
  'Voortgezet_onderwijs_(thema)': 'EDUC',
  'Water_(verkeer-thema)': 'TRAN',
  'Waterkeringen_en_waterbeheer': 'REGI',
  'Waterschappen': 'GOVE',
  'Weg_(thema)': 'TRAN',
  'Werkgelegenheid': 'SOCI',
  'Werkloosheid': 'SOCI',
  'Ziekte_en_arbeidsongeschiktheid': 'SOCI',
  'Ziekten_en_behandelingen': 'HEAL',
};

/**
 * Licence IRIs keyed by the licence ids of CKAN (2015: `cc-0`, `cc-by3`, ...) and by the licence IRIs that
 * DCAT-AP-DONL writes, so that both end up as the same IRI.
 */
export const LICENCE_BY_ID: Readonly<Record<string, string>> = {
  'cc-0': 'http://creativecommons.org/publicdomain/zero/1.0/deed.nl',
  'cc0': 'http://creativecommons.org/publicdomain/zero/1.0/deed.nl',
  'cc-zero': 'http://creativecommons.org/publicdomain/zero/1.0/deed.nl',
  'publiek-domein': 'http://creativecommons.org/publicdomain/mark/1.0/deed.nl',
  'public-domain': 'http://creativecommons.org/publicdomain/mark/1.0/deed.nl',
  'cc-by': 'http://creativecommons.org/licenses/by/4.0/deed.nl',
  'cc-by3': 'http://creativecommons.org/licenses/by/3.0/deed.nl',
  'cc-by-3.0': 'http://creativecommons.org/licenses/by/3.0/deed.nl',
  'cc-by4': 'http://creativecommons.org/licenses/by/4.0/deed.nl',
  'cc-by-4.0': 'http://creativecommons.org/licenses/by/4.0/deed.nl',
  'cc-by-sa': 'http://creativecommons.org/licenses/by-sa/4.0/deed.nl',
  'cc-by-sa3': 'http://creativecommons.org/licenses/by-sa/3.0/deed.nl',
  'cc-by-sa4': 'http://creativecommons.org/licenses/by-sa/4.0/deed.nl',
  'cc-by-nc': 'http://creativecommons.org/licenses/by-nc/4.0/deed.nl',
  'geslotenlicentie': OWMS.term('geslotenlicentie').value,
  'licentieonbekend': OWMS.term('licentieonbekend').value,
};

/** A file format: its IANA media type and EU file type code, keyed by the words CKAN `format` fields use. */
export interface FileFormat {
  readonly mediaType?: string;
  readonly fileType?: string;
}

/** Formats keyed by lower-case `format` values. */
export const FORMAT_BY_NAME: Readonly<Record<string, FileFormat>> = {
  csv: { mediaType: 'text/csv', fileType: 'CSV' },
  json: { mediaType: 'application/json', fileType: 'JSON' },
  geojson: { mediaType: 'application/geo+json', fileType: 'GEOJSON' },
  xml: { mediaType: 'application/xml', fileType: 'XML' },
  zip: { mediaType: 'application/zip', fileType: 'ZIP' },
  pdf: { mediaType: 'application/pdf', fileType: 'PDF' },
  html: { mediaType: 'text/html', fileType: 'HTML' },
  xls: { mediaType: 'application/vnd.ms-excel', fileType: 'XLS' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileType: 'XLSX' },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', fileType: 'ODS' },
  rdf: { mediaType: 'application/rdf+xml', fileType: 'RDF_XML' },
  turtle: { mediaType: 'text/turtle', fileType: 'RDF_TURTLE' },
  ttl: { mediaType: 'text/turtle', fileType: 'RDF_TURTLE' },
  kml: { mediaType: 'application/vnd.google-earth.kml+xml', fileType: 'KML' },
  gml: { mediaType: 'application/gml+xml', fileType: 'GML' },
  txt: { mediaType: 'text/plain', fileType: 'TXT' },
  atom: { mediaType: 'application/atom+xml', fileType: 'ATOM' },
  'ogc:wms': { fileType: 'WMS_SRVC' },
  'ogc:wfs': { fileType: 'WFS_SRVC' },
  wms: { fileType: 'WMS_SRVC' },
  wfs: { fileType: 'WFS_SRVC' },
};

/** EU language codes keyed by lower-case language tags and names the sources use (`nl-NL`, `en-UK`, ...). */
export const LANGUAGE_BY_TAG: Readonly<Record<string, string>> = {
  nl: 'NLD', 'nl-nl': 'NLD', nld: 'NLD', dut: 'NLD', nederlands: 'NLD',
  en: 'ENG', 'en-gb': 'ENG', 'en-uk': 'ENG', 'en-us': 'ENG', eng: 'ENG', engels: 'ENG', english: 'ENG',
  fy: 'FRY', fry: 'FRY', fries: 'FRY',
  de: 'DEU', deu: 'DEU', ger: 'DEU', fr: 'FRA', fra: 'FRA', fre: 'FRA',
};

/** BCP 47 tag for literals, keyed by EU language code. */
export const TAG_BY_LANGUAGE: Readonly<Record<string, string>> = { NLD: 'nl', ENG: 'en', FRY: 'fy', DEU: 'de', FRA: 'fr' };

/** EU frequency codes keyed by the Dublin Core Collection frequency names and older CKAN words. */
export const FREQUENCY_BY_NAME: Readonly<Record<string, string>> = {
  continuous: 'UPDATE_CONT', daily: 'DAILY', weekly: 'WEEKLY', biweekly: 'BIWEEKLY', monthly: 'MONTHLY',
  bimonthly: 'BIMONTHLY', quarterly: 'QUARTERLY', semiannual: 'ANNUAL_2', annual: 'ANNUAL', biennial: 'BIENNIAL',
  triennial: 'TRIENNIAL', irregular: 'IRREG', notplanned: 'NEVER', never: 'NEVER', unknown: 'UNKNOWN',
};

/** Returns the EU authority IRI of an EU file type code. */
export function fileTypeIri(code: string): string {
  return EUAUTH.term(`file-type/${code}`).value;
}

/** Returns the IANA IRI of a media type such as `text/csv`. */
export function mediaTypeIri(mediaType: string): string {
  return IANA_MEDIA.term(mediaType).value;
}
