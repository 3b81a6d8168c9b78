"""The rolegraph vocabulary as an rdflib ``DefinedNamespace``: ``RG.Role``, ``RG.skill``.

Generated from ontology/rolegraph.ttl by ``python -m rolegraph.rg_generate``: do not
edit it by hand.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class RG(DefinedNamespace):
    """The terms of https://w3id.org/rolegraph/ns#: any other raises AttributeError."""

    _fail = True
    _NS = Namespace("https://w3id.org/rolegraph/ns#")

    # Classes
    CareerMove: URIRef  # Career move
    Certification: URIRef  # Certification
    CertificationQualification: URIRef  # Certification qualification
    CollaboratorGroup: URIRef  # Collaborator group
    CommunicationOrientation: URIRef  # Communication orientation
    DerivedMove: URIRef  # Derived move
    EducationLevel: URIRef  # Education level
    EducationQualification: URIRef  # Education qualification
    ExperienceQualification: URIRef  # Experience qualification
    Focus: URIRef  # Focus
    Industry: URIRef  # Industry
    KnowledgeQualification: URIRef  # Knowledge qualification
    MoveKind: URIRef  # Move kind
    OtherQualification: URIRef  # Other qualification
    Passage: URIRef  # Passage
    PayPeriod: URIRef  # Pay period
    Qualification: URIRef  # Qualification
    Region: URIRef  # Region
    RequirementLevel: URIRef  # Requirement level
    Responsibility: URIRef  # Responsibility
    Role: URIRef  # Role
    SalaryDistribution: URIRef  # Salary distribution
    Scope: URIRef  # Scope
    SeniorityLevel: URIRef  # Seniority level
    Skill: URIRef  # Skill
    SkillCategory: URIRef  # Skill category
    SkillMapping: URIRef  # Skill mapping
    SkillRequirement: URIRef  # Skill requirement
    SkillStrength: URIRef  # Skill strength
    SkillType: URIRef  # Skill type
    Source: URIRef  # Source
    StatedMove: URIRef  # Stated move
    Technology: URIRef  # Technology
    Tool: URIRef  # Tool or technology
    WorkActivity: URIRef  # Work activity

    # Object properties
    certification: URIRef  # certification
    communication: URIRef  # communication
    educationLevel: URIRef  # education level
    escoConcept: URIRef  # ESCO concept
    focus: URIRef  # focus
    fromRole: URIRef  # from role
    hasQualification: URIRef  # has qualification
    hasResponsibility: URIRef  # has responsibility
    importedFrom: URIRef  # imported from
    inIndustry: URIRef  # in industry
    iscoGroup: URIRef  # ISCO-08 group
    mappedSkill: URIRef  # mapped skill
    mappingRelation: URIRef  # mapping relation
    mappingTarget: URIRef  # mapping target
    moveKind: URIRef  # move kind
    passage: URIRef  # passage
    performsActivity: URIRef  # performs activity
    period: URIRef  # period
    progressesTo: URIRef  # progresses to
    promotesTo: URIRef  # promotes to
    qualifiedSkillRequirement: URIRef  # qualified skill requirement
    region: URIRef  # region
    requirementLevel: URIRef  # requirement level
    requiresSkill: URIRef  # requires skill
    salary: URIRef  # salary
    scope: URIRef  # scope
    seniority: URIRef  # seniority
    skill: URIRef  # skill
    skillCategory: URIRef  # skill category
    skillType: URIRef  # skill type
    source: URIRef  # source
    strength: URIRef  # strength
    supports: URIRef  # supports
    technologyCategory: URIRef  # technology category
    toRole: URIRef  # to role
    usesTechnology: URIRef  # uses technology
    usesTool: URIRef  # uses tool
    worksWith: URIRef  # works with

    # Datatype properties
    currency: URIRef  # currency
    escoCode: URIRef  # ESCO code
    evidence: URIRef  # evidence
    experienceDomain: URIRef  # experience domain
    experienceMonths: URIRef  # experience in months
    fieldOfStudy: URIRef  # field of study
    hotTechnology: URIRef  # hot technology
    importance: URIRef  # importance
    iscoCode: URIRef  # ISCO-08 code
    jobZone: URIRef  # job zone
    level: URIRef  # level
    maxValue: URIRef  # maximum value
    mean: URIRef  # mean
    median: URIRef  # median
    method: URIRef  # method
    minValue: URIRef  # minimum value
    onetSocCode: URIRef  # O*NET-SOC code
    percentile10: URIRef  # 10th percentile
    percentile25: URIRef  # 25th percentile
    percentile75: URIRef  # 75th percentile
    percentile90: URIRef  # 90th percentile
    quote: URIRef  # quote
    regionCode: URIRef  # region code
    regulatedProfession: URIRef  # regulated profession
    reuseLevel: URIRef  # reuse level
    score: URIRef  # score
    section: URIRef  # section
    year: URIRef  # year

    # Individuals
    Advantage: URIRef  # advantage
    AnalyticalSkills: URIRef  # analytical
    Annual: URIRef  # per year
    AssociatesDegree: URIRef  # associate's degree
    BachelorsDegree: URIRef  # bachelor's degree
    BusinessSkills: URIRef  # business
    CommunicationOrientations: URIRef  # Communication orientations
    DefinedProjects: URIRef  # defined projects
    DoctoralDegree: URIRef  # doctoral degree
    EducationLevels: URIRef  # Education levels
    EntryLevel: URIRef  # entry
    Essential: URIRef  # essential
    ExecutiveLevel: URIRef  # executive
    ExternalCommunication: URIRef  # external
    FocusTypes: URIRef  # Focus types
    HighSchool: URIRef  # high school
    Hourly: URIRef  # per hour
    InternalCommunication: URIRef  # internal
    InterpersonalSkills: URIRef  # interpersonal
    JuniorLevel: URIRef  # junior
    Knowledge: URIRef  # knowledge
    KnowledgeAreas: URIRef  # knowledge
    LateralMove: URIRef  # lateral move
    LeadershipSkills: URIRef  # leadership
    LessThanHighSchool: URIRef  # less than high school
    MastersDegree: URIRef  # master's degree
    MidLevel: URIRef  # mid
    MoveKinds: URIRef  # Move kinds
    OngoingAccounts: URIRef  # ongoing accounts
    Optional: URIRef  # optional
    OrganisationalSkills: URIRef  # organisational
    PayPeriods: URIRef  # Pay periods
    PostSecondaryCertificate: URIRef  # post-secondary certificate
    Preferred: URIRef  # preferred
    Promotion: URIRef  # promotion
    RelationshipFocused: URIRef  # relationship-focused
    Required: URIRef  # required
    RequirementLevels: URIRef  # Requirement levels
    Scopes: URIRef  # Scopes
    SeniorLevel: URIRef  # senior
    SeniorityLevels: URIRef  # Seniority levels
    SkillCategories: URIRef  # Skill categories
    SkillCompetence: URIRef  # skill/competence
    SkillStrengths: URIRef  # Skill strengths
    SkillTypes: URIRef  # Skill types
    TaskFocused: URIRef  # task-focused
    TechnicalSkills: URIRef  # technical
    Transition: URIRef  # transition
