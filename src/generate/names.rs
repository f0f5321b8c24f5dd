//! Word lists for synthetic chronologies. Accented and non-Latin-1 letters are deliberate: search,
//! width and id folding must cope with the names real chronologies of Latin America and Europe use.

pub const FIRST_NAMES: &[&str] = &[
    "Alberto", "José", "María", "Ana", "Javier", "Dolores", "Jürgen", "Łukasz", "João", "Zoë",
    "François", "Inés", "Ramón", "Sofía", "Tomás", "Björn", "Agnieszka", "Çağla", "Núria", "Hélène",
    "Keiko", "Hiroshi", "Efraín", "Úrsula", "Gonçalo", "Małgorzata", "Søren", "Andrés", "Verónica",
    "Nicolás", "Mónica", "Dragoš", "Ångström", "Lucía", "Óscar", "Raúl", "Begoña", "Renée",
];

pub const SURNAMES: &[&str] = &[
    "Fujimori", "Pérez de Cuéllar", "Müller", "Núñez", "Sánchez", "Gonçalves", "Wałęsa", "Kowalczyk",
    "Dvořák", "Øvergaard", "Ibáñez", "Quispe", "Mamani", "Huamán", "Cárdenas", "Lévesque", "Çelik",
    "Šimek", "Montesinos", "Belaúnde", "García", "Toledo", "Vargas Llosa", "Hermoza", "Cerpa",
    "Guzmán", "Mahuad", "Menem", "Cardoso", "Frei", "Zedillo", "Yáñez", "Ortúzar", "Peña", "Castañeda",
    "Schäfer", "Łopuszański", "Nørgaard", "Ruiz-Tagle", "Dąbrowski", "Brückner", "Ishikawa", "Saitō",
];

/// Person nicknames used as aliases.
pub const NICKNAMES: &[&str] = &["El Chino", "El Doc", "Don Ramón", "La Señora", "El Ingeniero", "Camarada Óscar"];

pub const COUNTRIES: &[&str] = &[
    "Perú", "Ecuador", "Bolivia", "Brasil", "Paraguay", "Chile", "Colombia", "Japón", "Estados Unidos",
    "España", "México", "Deutschland", "Polska", "Česko", "Österreich", "Côte d'Ivoire", "Türkiye",
    "São Tomé e Príncipe", "Panamá", "Canadá", "Perú (Virreinato)", "Haití", "Belice", "Ísland",
    "Suomi", "Sverige", "Danmark", "Norge", "Ελλάδα", "Россия", "中国", "日本国", "대한민국",
];

pub const PLACES: &[&str] = &[
    "Lima", "Asunción", "São Paulo", "Łódź", "Cusco", "Arequipa", "Iquitos", "Trujillo", "Puno",
    "Cajamarca", "Ayacucho", "Huánuco", "Piura", "Chiclayo", "Tumbes", "Córdoba", "Bogotá", "Medellín",
    "Mérida", "Reykjavík", "Kraków", "Gdańsk", "Zürich", "Genève", "München", "Köln", "Málaga", "Cádiz",
    "Besançon", "Göteborg", "Århus", "Brașov", "Niš", "Plzeň", "Tōkyō", "Ōsaka", "Brasília", "Quito",
    "La Paz", "Itamaraty", "Tiwinza", "Cenepa", "Yauyos", "Jaén", "Ñaña", "Pucallpa",
];

pub const ORGANIZATION_KINDS: &[&str] = &[
    "Ministerio de Relaciones Exteriores de",
    "Banco Central de Reserva de",
    "Cámara de Comercio de",
    "Universidad Nacional de",
    "Sociedad Nacional de Minería de",
    "Corte Superior de",
    "Municipalidad de",
    "Comisión de la Verdad de",
    "Zentralbank von",
    "Stowarzyszenie Kupców z",
];

/// Organisations with well-known acronyms, and the acronyms as aliases.
pub const NAMED_ORGANIZATIONS: &[(&str, &[&str])] = &[
    ("Fondo Monetario Internacional", &["FMI", "IMF"]),
    ("Organización de los Estados Americanos", &["OEA", "OAS"]),
    ("Banco Interamericano de Desarrollo", &["BID", "IDB"]),
    ("Comunidad Andina", &["CAN", "Pacto Andino"]),
    ("Comité Internacional de la Cruz Roja", &["CICR", "ICRC"]),
    ("Naciones Unidas", &["ONU", "UN"]),
];

pub const GROUP_KINDS: &[&str] = &[
    "Frente Amplio de",
    "Comité de Vaso de Leche de",
    "Ronda Campesina de",
    "Sindicato de Mineros de",
    "Federación de Estudiantes de",
    "Asociación de Familiares de Desaparecidos de",
];

pub const NAMED_GROUPS: &[(&str, &[&str])] = &[
    ("Sendero Luminoso", &["PCP-SL", "SL"]),
    ("Movimiento Revolucionario Túpac Amaru", &["MRTA"]),
    ("Grupo Colina", &[]),
    ("Madres de la Plaza de Mayo", &[]),
];

pub const OTHER_KINDS: &[&str] = &["Tratado de", "Puerto de", "Embajada en", "Protocolo de", "Río de", "Aeropuerto de"];

/// Event title templates: `{a}` and `{b}` are actor names, `{p}` a place. The first element is the
/// topic, which also starts the event's id.
pub const EVENT_TEMPLATES: &[(&str, &str)] = &[
    ("treaty", "{a} and {b} sign a treaty in {p}"),
    ("visit", "{a} visits {p}"),
    ("summit", "Cumbre de {p}: {a} se reúne con {b}"),
    ("aid", "{a} suspende la ayuda a {b}"),
    ("crisis", "Crisis de {p}"),
    ("recall", "{a} recalls its ambassador from {p}"),
    ("loan", "{a} grants {b} a loan for works in {p}"),
    ("hostages", "Toma de rehenes en {p}; {a} negocia"),
    ("election", "{a} wins the election in {p}"),
    ("border", "Clash on the border near {p} between {a} and {b}"),
    ("decree", "{a} promulga un decreto sobre {p}"),
    ("report", "{a} publishes a report on {b}"),
];

pub const SUMMARY_SENTENCES: &[&str] = &[
    "The talks lasted three days and ended without a joint communiqué.",
    "Las negociaciones se reanudaron tras la mediación de los países garantes.",
    "Observers noted the absence of the foreign minister.",
    "La prensa de Lima lo calificó de «giro histórico».",
    "Trade between both countries doubled over the following year.",
    "Die Delegation reiste über München und Zürich an.",
    "Critics called it a return to the policies of the 1970s.",
    "Se firmó un acta de entendimiento con doce artículos.",
    "Congress was not consulted; the decision was announced on television.",
    "The agreement was ratified only partially.",
];

pub const ROLES: &[&str] = &[
    "signatory", "host", "mediator", "target", "observer", "guarantor", "sponsor", "garante", "anfitrión",
];

pub const TAGS: &[&str] = &[
    "diplomacy", "trade", "debt", "narcotics", "border", "human-rights", "terrorism", "economía",
    "minería", "pesca", "derechos-humanos", "cooperación", "visit", "treaty", "sanctions", "elections",
];

pub const LINK_NOTES: &[&str] = &[
    "in direct response",
    "como represalia",
    "after months of pressure",
    "a raíz del informe",
    "indirectly, through the loss of credit",
];

pub const SOURCE_TEMPLATES: &[&str] = &[
    "Library of Congress Country Study: {p}",
    "El Comercio, edición de {p}",
    "Memoria del Ministerio de Relaciones Exteriores, {p}",
    "Caretas: reportaje desde {p}",
    "Informe final de la Comisión de la Verdad, tomo sobre {p}",
    "Frankfurter Allgemeine Zeitung, Bericht aus {p}",
];

pub const LOCATORS: &[&str] = &["p. {n}", "pp. {n}–{m}", "¶ {n}", "section {n}.{m}", "fol. {n}v", "art. {n}"];

pub const ACTOR_DESCRIPTIONS: &[&str] = &[
    "Took part in the negotiations of the 1990s.",
    "Actor principal en la política exterior del periodo.",
    "Mentioned in several diplomatic cables.",
    "Fuente de controversia en la prensa regional.",
];

pub const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
];

/// Eras (title, EDTF date): one closed interval per period and an open one for the present.
pub const ERAS: &[(&str, &str)] = &[
    ("República Aristocrática", "1900/1919"),
    ("Oncenio de Leguía", "1919/1930"),
    ("Militarismo", "1930/1945"),
    ("Gobierno Revolucionario", "1968/1975"),
    ("Década perdida", "198X"),
    ("Fujimorato", "1990-07-28/2000-11-22"),
    ("Transición y democracia", "2000/.."),
];
