/**
 * Every namespace and term that Bouwblokken uses. No other module types an IRI of a vocabulary:
 * import the term from here, so that a typo is a compile error and a search finds every use.
 */
import { DataFactory, type NamedNode } from 'n3';

/** A vocabulary: its namespace IRI, a factory for any local name, and named terms for the ones we use. */
export type Vocabulary<T extends string> = {
  readonly namespace: string;
  /** Returns the named node for a local name in this namespace, including names not listed. */
  readonly term: (localName: string) => NamedNode;
} & { readonly [K in T]: NamedNode };

/** Creates a vocabulary from its namespace IRI and the local names that code refers to. */
export function vocabulary<T extends string>(namespace: string, localNames: readonly T[]): Vocabulary<T> {
  const term = (localName: string): NamedNode => DataFactory.namedNode(namespace + localName);
  const terms = Object.fromEntries(localNames.map((name) => [name, term(name)])) as { [K in T]: NamedNode };
  return { namespace, term, ...terms } as Vocabulary<T>;
}

export const RDF = vocabulary('http://www.w3.org/1999/02/22-rdf-syntax-ns#', [
  'type', 'langString', 'first', 'rest', 'nil', 'value', 'HTML', 'JSON',
] as const);

export const RDFS = vocabulary('http://www.w3.org/2000/01/rdf-schema#', [
  'label', 'comment', 'seeAlso', 'subClassOf', 'subPropertyOf', 'domain', 'range', 'Class', 'Literal', 'isDefinedBy',
] as const);

export const OWL = vocabulary('http://www.w3.org/2002/07/owl#', [
  'Ontology', 'Class', 'ObjectProperty', 'DatatypeProperty', 'sameAs', 'versionInfo', 'versionIRI', 'inverseOf',
  'imports', 'equivalentClass',
] as const);

export const XSD = vocabulary('http://www.w3.org/2001/XMLSchema#', [
  'string', 'boolean', 'integer', 'decimal', 'double', 'date', 'dateTime', 'gYear', 'anyURI', 'nonNegativeInteger',
  'duration',
] as const);

export const DCAT = vocabulary('http://www.w3.org/ns/dcat#', [
  'Catalog', 'CatalogRecord', 'Dataset', 'DatasetSeries', 'Distribution', 'DataService', 'Resource', 'Relationship',
  'Role', 'accessService', 'accessURL', 'catalog', 'contactPoint', 'dataset', 'distribution', 'downloadURL',
  'endpointDescription', 'endpointURL', 'hadRole', 'keyword', 'landingPage', 'mediaType', 'qualifiedRelation',
  'record', 'servesDataset', 'service', 'theme', 'themeTaxonomy', 'version', 'byteSize', 'compressFormat',
  'packageFormat', 'spatialResolutionInMeters', 'temporalResolution', 'startDate', 'endDate', 'bbox', 'centroid',
  'hasVersion', 'inSeries', 'resource',
] as const);

export const DCATAP = vocabulary('http://data.europa.eu/r5r/', [
  'applicableLegislation', 'availability', 'hvdCategory',
] as const);

export const DCT = vocabulary('http://purl.org/dc/terms/', [
  'title', 'description', 'identifier', 'issued', 'modified', 'publisher', 'creator', 'license', 'rights',
  'accessRights', 'accrualPeriodicity', 'conformsTo', 'format', 'hasPart', 'isPartOf', 'language', 'relation',
  'requires', 'isRequiredBy', 'references', 'isReferencedBy', 'source', 'spatial', 'temporal', 'type', 'provenance',
  'subject', 'alternative', 'abstract', 'created', 'valid', 'LicenseDocument', 'MediaType', 'MediaTypeOrExtent',
  'RightsStatement', 'Location', 'PeriodOfTime', 'Standard', 'LinguisticSystem', 'Frequency', 'Agent',
  'ProvenanceStatement',
] as const);

export const FOAF = vocabulary('http://xmlns.com/foaf/0.1/', [
  'Agent', 'Organization', 'Document', 'name', 'homepage', 'page', 'primaryTopic', 'mbox', 'isPrimaryTopicOf',
] as const);

export const ORG = vocabulary('http://www.w3.org/ns/org#', [
  'Organization', 'FormalOrganization', 'OrganizationalUnit', 'identifier', 'subOrganizationOf',
  'hasSubOrganization', 'classification', 'unitOf',
] as const);

export const PROV = vocabulary('http://www.w3.org/ns/prov#', [
  'Activity', 'Entity', 'Agent', 'SoftwareAgent', 'wasDerivedFrom', 'wasGeneratedBy', 'generatedAtTime',
  'startedAtTime', 'endedAtTime', 'used', 'wasAssociatedWith', 'qualifiedAttribution', 'Attribution', 'hadRole',
  'agent', 'invalidatedAtTime', 'wasInvalidatedBy', 'value',
] as const);

export const ADMS = vocabulary('http://www.w3.org/ns/adms#', [
  'Asset', 'Identifier', 'identifier', 'status', 'versionNotes', 'sample', 'schemaAgency', 'representationTechnique',
] as const);

export const VCARD = vocabulary('http://www.w3.org/2006/vcard/ns#', [
  'Kind', 'Organization', 'Individual', 'fn', 'hasEmail', 'hasURL', 'hasTelephone', 'organization-name',
] as const);

export const SCHEMA = vocabulary('https://schema.org/', [
  'SoftwareSourceCode', 'SoftwareApplication', 'Review', 'Rating', 'codeRepository', 'programmingLanguage',
  'license', 'name', 'description', 'url', 'author', 'reviewBody', 'reviewRating', 'ratingValue', 'bestRating',
  'worstRating', 'itemReviewed', 'datePublished', 'dateModified', 'version', 'softwareVersion', 'maintainer',
  'targetProduct', 'applicationCategory', 'keywords', 'isBasedOn',
] as const);

export const DQV = vocabulary('http://www.w3.org/ns/dqv#', [
  'QualityMeasurement', 'Metric', 'Dimension', 'hasQualityMeasurement', 'isMeasurementOf', 'value', 'computedOn',
  'inDimension', 'expectedDataType',
] as const);

export const SKOS = vocabulary('http://www.w3.org/2004/02/skos/core#', [
  'Concept', 'ConceptScheme', 'prefLabel', 'altLabel', 'definition', 'notation', 'inScheme', 'hasTopConcept',
  'topConceptOf', 'broader', 'narrower', 'exactMatch', 'closeMatch', 'scopeNote',
] as const);

export const SH = vocabulary('http://www.w3.org/ns/shacl#', [
  'NodeShape', 'PropertyShape', 'ValidationReport', 'ValidationResult', 'conforms', 'result', 'focusNode',
  'resultPath', 'resultSeverity', 'resultMessage', 'sourceShape', 'sourceConstraintComponent', 'value', 'Violation',
  'Warning', 'Info', 'path', 'message', 'severity', 'targetClass', 'targetNode', 'targetSubjectsOf',
  'targetObjectsOf', 'target',
] as const);

export const HYDRA = vocabulary('http://www.w3.org/ns/hydra/core#', [
  'Collection', 'PartialCollectionView', 'member', 'totalItems', 'view', 'first', 'last', 'next', 'previous',
  'search', 'IriTemplate', 'template', 'mapping', 'variable', 'property', 'required', 'IriTemplateMapping',
] as const);

export const VOID = vocabulary('http://rdfs.org/ns/void#', [
  'Dataset', 'triples', 'entities', 'distinctSubjects', 'properties', 'classes', 'sparqlEndpoint', 'dataDump',
  'vocabulary', 'uriSpace', 'classPartition', 'propertyPartition', 'class', 'property', 'subset',
] as const);

export const SD = vocabulary('http://www.w3.org/ns/sparql-service-description#', [
  'Service', 'endpoint', 'supportedLanguage', 'SPARQL11Query', 'resultFormat', 'feature', 'UnionDefaultGraph',
  'BasicFederatedQuery', 'defaultDataset', 'Dataset', 'defaultGraph', 'namedGraph', 'NamedGraph', 'name', 'graph',
  'Graph', 'inputFormat', 'extensionFunction',
] as const);

/** W3C identifiers of media formats, used by the SPARQL service description (`sd:resultFormat`). */
export const FORMATS = vocabulary('http://www.w3.org/ns/formats/', [
  'SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples',
  'JSON-LD', 'RDF_XML',
] as const);

export const LOCN = vocabulary('http://www.w3.org/ns/locn#', ['geometry', 'Address'] as const);

export const SPDX = vocabulary('http://spdx.org/rdf/terms#', ['checksum', 'checksumValue', 'algorithm', 'Checksum'] as const);

export const ODRL = vocabulary('http://www.w3.org/ns/odrl/2/', ['hasPolicy', 'Policy'] as const);

export const TIME = vocabulary('http://www.w3.org/2006/time#', ['hasBeginning', 'hasEnd', 'Instant'] as const);

export const LDES = vocabulary('https://w3id.org/ldes#', [
  'EventStream', 'timestampPath', 'versionOfPath', 'retentionPolicy',
] as const);

export const TREE = vocabulary('https://w3id.org/tree#', ['member', 'view', 'Node', 'relation', 'shape'] as const);

export const AS = vocabulary('https://www.w3.org/ns/activitystreams#', ['Create', 'Update', 'Delete', 'object'] as const);

/**
 * The Bouwblokken ontology. Its namespace is fixed and does not depend on the base IRI of an instance.
 */
export const BB = vocabulary('https://w3id.org/bouwblokken/def#', [
  'BuildingBlock', 'Environment', 'HarvestRun', 'RecordGraph', 'DeletedRecord', 'Source',
  'kind', 'domain', 'environmentKind', 'environment', 'application', 'functionalDescription',
  'usesBlock', 'partOfBlock', 'servesRegister', 'authentication', 'api', 'dataset', 'codeRepository',
  'testEnvironment', 'testData', 'documentation', 'implementsApi', 'sourceName', 'record', 'harvestRun',
  'recordCount', 'publishedCount', 'rejectedCount', 'deletedCount', 'outcome', 'outcomeMessage', 'deletedAt',
  'organisationRole', 'adrScore', 'lifecycleStatus', 'deprecationDate', 'sunsetDate', 'oin', 'kvkNumber', 'rooId',
  'sourceUrl',
] as const);

/** The Bouwblokken SHACL shapes (`shapes/*.ttl`). Like the ontology, independent of the base IRI of an instance. */
export const BBSH = vocabulary('https://w3id.org/bouwblokken/shapes#', [
  'BuildingBlockShape', 'DataServiceShape', 'DatasetShape', 'DistributionShape', 'SoftwareSourceCodeShape',
  'OrganisationShape', 'ReviewShape',
] as const);

/** Base of the concept IRIs of the Bouwblokken concept schemes (kind, domain, environment, role). */
export const BB_ID = vocabulary('https://w3id.org/bouwblokken/id/', [
  'kind', 'domain', 'environment', 'role', 'bouwblok', 'organisation', 'catalogue',
] as const);

/** TOOI: the register of Dutch government organisations. Organisations are identified by these IRIs. */
export const TOOI = vocabulary('https://identifier.overheid.nl/tooi/id/', [] as const);

/** TOOI's ontology (classes such as Ministerie, Gemeente, Zelfstandig bestuursorgaan). */
export const TOOIONT = vocabulary('https://identifier.overheid.nl/tooi/def/ont/', [
  'Ministerie', 'Gemeente', 'Provincie', 'Waterschap', 'ZelfstandigBestuursorgaan', 'Overheidsorganisatie',
  'oin', 'kvknummer', 'organisatiecode',
] as const);

/** EU Publications Office authority tables (data themes, file types, licences, access rights...). */
export const EUAUTH = vocabulary('http://publications.europa.eu/resource/authority/', [
  'data-theme', 'file-type', 'licence', 'access-right', 'frequency', 'language', 'dataset-status',
  'distribution-type', 'planned-availability',
] as const);

/** ADMS status concepts, the values of `adms:status`. */
export const ADMS_STATUS = vocabulary('http://purl.org/adms/status/', [
  'Completed', 'UnderDevelopment', 'Deprecated', 'Withdrawn',
] as const);

/** OWMS terms of overheid.nl: themes (TaxonomieBeleidsagenda), organisations and licences on data.overheid.nl. */
export const OWMS = vocabulary('http://standaarden.overheid.nl/owms/terms/', [] as const);

/** SPDX licence list; a licence id such as `EUPL-1.2` becomes an IRI in it. */
export const SPDX_LICENSES = vocabulary('https://spdx.org/licenses/', [] as const);

/** IANA media types, the range of dcat:mediaType. */
export const IANA_MEDIA = vocabulary('https://www.iana.org/assignments/media-types/', [] as const);

/** The prefixes used when writing Turtle and SPARQL for people to read. */
export const PREFIXES: Readonly<Record<string, string>> = {
  rdf: RDF.namespace,
  rdfs: RDFS.namespace,
  owl: OWL.namespace,
  xsd: XSD.namespace,
  dcat: DCAT.namespace,
  dcatap: DCATAP.namespace,
  dct: DCT.namespace,
  foaf: FOAF.namespace,
  org: ORG.namespace,
  prov: PROV.namespace,
  adms: ADMS.namespace,
  vcard: VCARD.namespace,
  schema: SCHEMA.namespace,
  dqv: DQV.namespace,
  skos: SKOS.namespace,
  sh: SH.namespace,
  hydra: HYDRA.namespace,
  void: VOID.namespace,
  sd: SD.namespace,
  locn: LOCN.namespace,
  spdx: SPDX.namespace,
  odrl: ODRL.namespace,
  time: TIME.namespace,
  ldes: LDES.namespace,
  tree: TREE.namespace,
  bb: BB.namespace,
  bbsh: BBSH.namespace,
  tooi: TOOI.namespace,
  tooiont: TOOIONT.namespace,
};
