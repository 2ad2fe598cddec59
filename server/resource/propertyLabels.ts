/**
 * Dutch and English labels of the properties and classes that resource pages show, so people read
 * "Titel / Title" instead of an IRI. Terms without a label are shown by their prefixed name.
 */
import type { NamedNode } from '@rdfjs/types';
import {
  ADMS, BB, DCAT, DCT, FOAF, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, VCARD,
} from '../../vocab/namespaces';
import type { BilingualText } from '../sparql/exampleQueries';

const entries: Array<[NamedNode, string, string]> = [
  [RDF.type, 'Soort', 'Type'],
  [DCT.identifier, 'Identificatie', 'Identifier'],
  [DCT.title, 'Titel', 'Title'],
  [DCT.description, 'Beschrijving', 'Description'],
  [DCT.publisher, 'Uitgever', 'Publisher'],
  [DCT.license, 'Licentie', 'Licence'],
  [DCT.accessRights, 'Toegangsrechten', 'Access rights'],
  [DCT.conformsTo, 'Voldoet aan', 'Conforms to'],
  [DCT.hasPart, 'Heeft als onderdeel', 'Has part'],
  [DCT.isPartOf, 'Is onderdeel van', 'Is part of'],
  [DCT.relation, 'Verwant aan', 'Related to'],
  [DCT.type, 'Type', 'Type'],
  [DCT.issued, 'Uitgegeven', 'Issued'],
  [DCT.modified, 'Gewijzigd', 'Modified'],
  [BB.application, 'Toepassing', 'Application'],
  [BB.kind, 'Soort bouwblok', 'Kind of building block'],
  [BB.domain, 'Domein', 'Domain'],
  [BB.usesBlock, 'Gebruikt bouwblok', 'Uses building block'],
  [BB.api, 'API', 'API'],
  [BB.testEnvironment, 'Testomgeving', 'Test environment'],
  [BB.testData, 'Testgegevens', 'Test data'],
  [BB.dataset, 'Dataset', 'Dataset'],
  [BB.codeRepository, 'Broncode', 'Source code'],
  [BB.documentation, 'Documentatie', 'Documentation'],
  [BB.servesRegister, 'Levert gegevens uit', 'Serves register'],
  [BB.authentication, 'Authenticatie', 'Authentication'],
  [BB.environment, 'Omgeving', 'Environment'],
  [BB.environmentKind, 'Soort omgeving', 'Kind of environment'],
  [ADMS.status, 'Status', 'Status'],
  [ADMS.identifier, 'Identificatie', 'Identifier'],
  [PROV.qualifiedAttribution, 'Rol van organisatie', 'Organisation role'],
  [PROV.agent, 'Organisatie', 'Organisation'],
  [DCAT.hadRole, 'Rol', 'Role'],
  [DCAT.landingPage, 'Webpagina', 'Landing page'],
  [DCAT.contactPoint, 'Contactpunt', 'Contact point'],
  [DCAT.keyword, 'Trefwoord', 'Keyword'],
  [DCAT.theme, 'Thema', 'Theme'],
  [DCAT.endpointURL, 'Endpoint', 'Endpoint URL'],
  [DCAT.endpointDescription, 'Beschrijving van het endpoint', 'Endpoint description'],
  [DCAT.distribution, 'Distributie', 'Distribution'],
  [DCAT.accessURL, 'Toegangs-URL', 'Access URL'],
  [DCAT.downloadURL, 'Download-URL', 'Download URL'],
  [DCAT.version, 'Versie', 'Version'],
  [FOAF.name, 'Naam', 'Name'],
  [FOAF.page, 'Documentatie', 'Documentation page'],
  [FOAF.homepage, 'Website', 'Homepage'],
  [ORG.subOrganizationOf, 'Valt onder', 'Sub-organisation of'],
  [SKOS.prefLabel, 'Naam', 'Preferred label'],
  [SKOS.altLabel, 'Andere naam', 'Alternative label'],
  [SKOS.notation, 'Code', 'Notation'],
  [SKOS.inScheme, 'In schema', 'In scheme'],
  [SKOS.definition, 'Definitie', 'Definition'],
  [RDFS.label, 'Label', 'Label'],
  [RDFS.comment, 'Toelichting', 'Comment'],
  [VCARD.fn, 'Naam', 'Name'],
  [VCARD.hasEmail, 'E-mail', 'Email'],
  [VCARD.hasURL, 'Website', 'Website'],
  [SCHEMA.codeRepository, 'Repository', 'Code repository'],
  [SCHEMA.programmingLanguage, 'Programmeertaal', 'Programming language'],
];

const LABELS: ReadonlyMap<string, BilingualText> = new Map(entries.map(([term, nl, en]) => [term.value, { nl, en }]));

/** Returns the Dutch and English label of a property, or `undefined` when it has none. */
export function propertyLabel(iri: string): BilingualText | undefined {
  return LABELS.get(iri);
}

/** Returns `prefix:local` for an IRI in one of the known namespaces, or the IRI itself. */
export function prefixedName(iri: string): string {
  let best: [string, string] | undefined;
  for (const [prefix, namespace] of Object.entries(PREFIXES)) {
    if (iri.startsWith(namespace) && (!best || namespace.length > best[1].length)) best = [prefix, namespace];
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
}
