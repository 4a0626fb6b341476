"""Static reference tables of the demo generator: places, names, trades, invoice subjects.

Pure data, no drawing: the other modules pick from these tables with the dossier's own
`random.Random`, so reordering or editing an entry changes every generated dossier.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from recouvrement_tui.domain.model import Localisation

# A debtor name that breaks naive code: XML/HTML specials (docxtpl without autoescape
# truncates the document at "<"), both quote kinds and an ampersand. Always generated once
# when there are 20 dossiers or more, so tests and screenshots can rely on it.
NOM_PIEGE = 'Dupont & Fils <SARL> "L\'Atelier"'

# The legal team that signs the demo journals.
AUTEURS = ("c.martin", "j.dubois", "s.bernard", "a.petit", "m.leroy")

# Kinds of debtor, decided with the skeleton of each dossier.
_SOCIETE, _ENTREPRENEUR, _CONSOMMATEUR, _PUBLIC = "societe", "entrepreneur", "consommateur", "public"


# --- places ------------------------------------------------------------------------------


class _Ville(NamedTuple):
    code_postal: str
    ville: str
    telephone: str  # prefix of the phone numbers generated there
    juridiction: str  # seat of the tribunal judiciaire / de commerce
    tribunal_administratif: str
    pays: str = "France"


# ARCEP's fiction blocks, by region of the French geographic numbering plan.
_FIXE = {"01": "01 99 00", "02": "02 61 91", "03": "03 53 01", "04": "04 65 71", "05": "05 36 49"}
_MOBILE = "06 39 98"


def _v(cp: str, ville: str, zone: str, juridiction: str, ta: str) -> _Ville:
    return _Ville(cp, ville, _FIXE[zone], juridiction, ta)


_VILLES_METROPOLE = (
    _v("75002", "Paris", "01", "Paris", "Paris"),
    _v("75011", "Paris", "01", "Paris", "Paris"),
    _v("75015", "Paris", "01", "Paris", "Paris"),
    _v("92100", "Boulogne-Billancourt", "01", "Nanterre", "Cergy-Pontoise"),
    _v("92000", "Nanterre", "01", "Nanterre", "Cergy-Pontoise"),
    _v("93100", "Montreuil", "01", "Bobigny", "Montreuil"),
    _v("94200", "Ivry-sur-Seine", "01", "Créteil", "Melun"),
    _v("78000", "Versailles", "01", "Versailles", "Versailles"),
    _v("95100", "Argenteuil", "01", "Pontoise", "Cergy-Pontoise"),
    _v("77000", "Melun", "01", "Melun", "Melun"),
    _v("69003", "Lyon", "04", "Lyon", "Lyon"),
    _v("69007", "Lyon", "04", "Lyon", "Lyon"),
    _v("69100", "Villeurbanne", "04", "Lyon", "Lyon"),
    _v("13008", "Marseille", "04", "Marseille", "Marseille"),
    _v("13100", "Aix-en-Provence", "04", "Aix-en-Provence", "Marseille"),
    _v("31000", "Toulouse", "05", "Toulouse", "Toulouse"),
    _v("06000", "Nice", "04", "Nice", "Nice"),
    _v("44000", "Nantes", "02", "Nantes", "Nantes"),
    _v("34000", "Montpellier", "04", "Montpellier", "Montpellier"),
    _v("33000", "Bordeaux", "05", "Bordeaux", "Bordeaux"),
    _v("59000", "Lille", "03", "Lille", "Lille"),
    _v("35000", "Rennes", "02", "Rennes", "Rennes"),
    _v("51100", "Reims", "03", "Reims", "Châlons-en-Champagne"),
    _v("42000", "Saint-Étienne", "04", "Saint-Étienne", "Lyon"),
    _v("83000", "Toulon", "04", "Toulon", "Toulon"),
    _v("76600", "Le Havre", "02", "Le Havre", "Rouen"),
    _v("38000", "Grenoble", "04", "Grenoble", "Grenoble"),
    _v("21000", "Dijon", "03", "Dijon", "Dijon"),
    _v("49000", "Angers", "02", "Angers", "Nantes"),
    _v("30000", "Nîmes", "04", "Nîmes", "Nîmes"),
    _v("63000", "Clermont-Ferrand", "04", "Clermont-Ferrand", "Clermont-Ferrand"),
    _v("72000", "Le Mans", "02", "Le Mans", "Nantes"),
    _v("29200", "Brest", "02", "Brest", "Rennes"),
    _v("37000", "Tours", "02", "Tours", "Orléans"),
    _v("80000", "Amiens", "03", "Amiens", "Amiens"),
    _v("87000", "Limoges", "05", "Limoges", "Limoges"),
    _v("74000", "Annecy", "04", "Annecy", "Grenoble"),
    _v("66000", "Perpignan", "04", "Perpignan", "Montpellier"),
    _v("45000", "Orléans", "02", "Orléans", "Orléans"),
    _v("76000", "Rouen", "02", "Rouen", "Rouen"),
    _v("14000", "Caen", "02", "Caen", "Caen"),
    _v("54000", "Nancy", "03", "Nancy", "Nancy"),
    _v("84000", "Avignon", "04", "Avignon", "Nîmes"),
    _v("89000", "Auxerre", "03", "Auxerre", "Dijon"),
    _v("22000", "Saint-Brieuc", "02", "Saint-Brieuc", "Rennes"),
    _v("86000", "Poitiers", "05", "Poitiers", "Poitiers"),
    _v("64000", "Pau", "05", "Pau", "Pau"),
    _v("64100", "Bayonne", "05", "Bayonne", "Pau"),
    _v("17000", "La Rochelle", "05", "La Rochelle", "Poitiers"),
    _v("25000", "Besançon", "03", "Besançon", "Besançon"),
    _v("73000", "Chambéry", "04", "Chambéry", "Grenoble"),
    _v("56000", "Vannes", "02", "Vannes", "Rennes"),
    _v("10000", "Troyes", "03", "Troyes", "Châlons-en-Champagne"),
    _v("29000", "Quimper", "02", "Quimper", "Rennes"),
    _v("60200", "Compiègne", "03", "Compiègne", "Amiens"),
    _v("71100", "Chalon-sur-Saône", "03", "Chalon-sur-Saône", "Dijon"),
    _v("24000", "Périgueux", "05", "Périgueux", "Bordeaux"),
    _v("19100", "Brive-la-Gaillarde", "05", "Brive-la-Gaillarde", "Limoges"),
    _v("01000", "Bourg-en-Bresse", "04", "Bourg-en-Bresse", "Lyon"),
)

_VILLES_ALSACE_MOSELLE = (
    _v("67000", "Strasbourg", "03", "Strasbourg", "Strasbourg"),
    _v("67100", "Strasbourg", "03", "Strasbourg", "Strasbourg"),
    _v("68100", "Mulhouse", "03", "Mulhouse", "Strasbourg"),
    _v("68000", "Colmar", "03", "Colmar", "Strasbourg"),
    _v("57000", "Metz", "03", "Metz", "Strasbourg"),
    _v("57100", "Thionville", "03", "Thionville", "Strasbourg"),
    _v("57200", "Sarreguemines", "03", "Sarreguemines", "Strasbourg"),
)

# No fiction block exists for overseas landlines: overseas debtors get fiction mobiles.
_VILLES_OUTRE_MER = (
    _Ville("97110", "Pointe-à-Pitre", _MOBILE, "Pointe-à-Pitre", "Basse-Terre"),
    _Ville("97122", "Baie-Mahault", _MOBILE, "Pointe-à-Pitre", "Basse-Terre"),
    _Ville("97200", "Fort-de-France", _MOBILE, "Fort-de-France", "Fort-de-France"),
    _Ville("97232", "Le Lamentin", _MOBILE, "Fort-de-France", "Fort-de-France"),
    _Ville("97300", "Cayenne", _MOBILE, "Cayenne", "Cayenne"),
    _Ville("97400", "Saint-Denis", _MOBILE, "Saint-Denis", "La Réunion"),
    _Ville("97410", "Saint-Pierre", _MOBILE, "Saint-Pierre", "La Réunion"),
    _Ville("97600", "Mamoudzou", _MOBILE, "Mamoudzou", "Mayotte"),
)

_VILLES_ETRANGER = (
    _Ville("1000", "Bruxelles", "+32 2", "", "", "Belgique"),
    _Ville("4000", "Liège", "+32 4", "", "", "Belgique"),
    _Ville("1201", "Genève", "+41 22", "", "", "Suisse"),
    _Ville("1003", "Lausanne", "+41 21", "", "", "Suisse"),
    _Ville("79098", "Freiburg im Breisgau", "+49 761", "", "", "Allemagne"),
    _Ville("66111", "Saarbrücken", "+49 681", "", "", "Allemagne"),
    _Ville("08001", "Barcelona", "+34 93", "", "", "Espagne"),
    _Ville("28013", "Madrid", "+34 91", "", "", "Espagne"),
)

_VILLES = {
    Localisation.METROPOLE: _VILLES_METROPOLE,
    Localisation.ALSACE_MOSELLE: _VILLES_ALSACE_MOSELLE,
    Localisation.OUTRE_MER: _VILLES_OUTRE_MER,
    Localisation.ETRANGER: _VILLES_ETRANGER,
}

# The 12 pilot tribunaux des activités économiques (2025-2028), DOMAIN.md §2.
_VILLES_TAE = ("Avignon", "Auxerre", "Le Havre", "Le Mans", "Limoges", "Lyon", "Marseille", "Nancy",
               "Nanterre", "Paris", "Saint-Brieuc", "Versailles")
_DEBUT_TAE = dt.date(2025, 1, 1)

_RUES = (
    "rue de la République", "avenue Jean-Jaurès", "boulevard Gambetta", "rue Victor-Hugo",
    "place du Marché", "rue du Général-Leclerc", "chemin des Vignes", "impasse des Lilas",
    "allée des Tilleuls", "rue Pasteur", "rue de l'Église", "rue Nationale", "avenue Foch",
    "rue des Écoles", "rue du Moulin", "rue des Artisans", "rue de la Gare", "route de Paris",
    "rue Jules-Ferry", "rue du 8-Mai-1945", "avenue de la Libération", "rue Anatole-France",
    "rue Saint-Martin", "rue des Tanneurs", "rue de la Paix", "rue de Verdun",
    "avenue Charles-de-Gaulle", "rue Lamartine", "rue Voltaire", "rue des Frères-Lumière",
    "rue de l'Industrie", "rue Ampère", "rue Gustave-Eiffel", "avenue de l'Europe",
    "rue Marcel-Pagnol", "rue Jean-Moulin", "rue du Commerce", "impasse du Château-d'Eau",
    "rue Émile-Zola", "boulevard de la Liberté", "chemin de la Côte", "quai des Bateliers",
)
_RUES_OUTRE_MER = (
    "rue Victor-Schœlcher", "rue Félix-Éboué", "boulevard du Général-de-Gaulle",
    "rue de la Liberté", "rue Gaston-Monnerville", "avenue Aimé-Césaire", "rue Frantz-Fanon",
    "rue Lamartine", "route de la Pointe-des-Sables",
)
_RUES_ETRANGER = {
    "Belgique": ("Rue Neuve", "Avenue Louise", "Chaussée de Waterloo", "Rue Saint-Gilles", "Boulevard d'Avroy"),
    "Suisse": ("Rue du Rhône", "Avenue de la Gare", "Rue de Lausanne", "Route de Chêne", "Rue du Simplon"),
    "Allemagne": ("Kaiser-Joseph-Straße", "Bahnhofstraße", "Hauptstraße", "Gewerbestraße", "Schillerstraße"),
    "Espagne": ("Carrer de Mallorca", "Calle de Alcalá", "Carrer d'Aragó", "Calle Mayor", "Avenida de América"),
}
_COMPLEMENTS_SOCIETE = (
    "ZA des Garennes", "ZI de la Plaine", "Parc d'activités du Moulin", "Bâtiment B",
    "Zone artisanale Les Prés-Verts", "Immeuble Le Quartz, 3e étage", "Espace Entreprises, lot 7",
)
_COMPLEMENTS_PARTICULIER = (
    "Résidence Les Acacias", "Bâtiment C, escalier 2", "Lieu-dit Les Granges", "Le Clos des Vignes",
)

# --- people and companies ------------------------------------------------------------------

_PRENOMS = (
    "Jean", "Marie", "Pierre", "Nathalie", "Philippe", "Isabelle", "Nicolas", "Sophie",
    "Christophe", "Catherine", "Stéphane", "Sandrine", "Laurent", "Valérie", "Julien", "Céline",
    "Sébastien", "Aurélie", "Thomas", "Émilie", "Frédéric", "Hélène", "Olivier", "Caroline",
    "François", "Camille", "Antoine", "Léa", "Maxime", "Chloé", "Hugo", "Manon", "Mathieu",
    "Inès", "Jérôme", "Anaïs", "Benoît", "Agnès", "Yannick", "Noémie", "Gaëlle", "Loïc",
    "Hervé", "Françoise", "Mohamed", "Fatima", "Karim", "Nadia", "Kévin", "Océane",
    "Jean-Pierre", "Marie-Claire", "Anne-Sophie", "Jean-François", "Maëlle", "Grégoire",
)
_NOMS = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François",
    "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry",
    "Roussel", "Mathieu", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Lemaire", "Noël",
    "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet",
    "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Roy", "Leroux",
    "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud",
    "Dumas", "Lacroix", "Olivier", "Bourgeois", "Benoît", "Rey", "Leclerc", "Rolland",
    "Guillaume", "Lecomte", "Lopez", "Dupuy", "Hubert", "Berger", "Carpentier", "Moulin",
    "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Jacquet", "Poirier",
    "Ménard", "Maillard", "Bailly", "Hervé", "Le Gall", "Léger", "Bouvier", "Prévost", "Perrot",
    "Le Roux", "Germain", "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier",
    "Lévêque", "Lebrun", "Hamon", "Boulanger", "Tessier", "Chauvin", "Lemaître", "Bénard",
    "Maréchal", "Humbert", "Barthélemy", "Cordier", "Delaunay", "Pasquier", "Nguyen", "Da Silva",
)
# Apostrophes, particles, hyphens and non-Latin-1 letters: names users really type.
_NOMS_DELICATS = ("L'Huillier", "D'Almeida", "N'Diaye", "Lefèvre-Moreau", "Ben Saïd", "de La Fontaine", "Œhler")
_NOMS_REGIONAUX = {
    Localisation.ALSACE_MOSELLE: ("Muller", "Schmitt", "Meyer", "Klein", "Weber", "Schneider", "Wagner",
                                  "Fischer", "Hoffmann", "Koenig", "Zimmermann", "Bauer"),
    Localisation.OUTRE_MER: ("Payet", "Hoarau", "Grondin", "Técher", "Jean-Baptiste", "Lubin", "Théodose",
                             "Bellemare", "Saint-Louis", "Abdallah", "Madi"),
}
_NOMS_ETRANGER = {
    "Belgique": ("Peeters", "Janssens", "Maes", "Jacobs", "Claes", "Willems", "Goossens", "Dubois"),
    "Suisse": ("Favre", "Rochat", "Berset", "Monnier", "Meylan", "Chevalley", "Cuénod", "Perrin"),
    "Allemagne": ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer"),
    "Espagne": ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez"),
}
_PRENOMS_ETRANGER = {
    "Allemagne": ("Thomas", "Andreas", "Stefan", "Sabine", "Petra", "Katrin", "Jürgen", "Ursula"),
    "Espagne": ("Jordi", "Carmen", "José", "María", "Javier", "Lucía", "Pablo", "Montserrat"),
}
_FORMES_ETRANGER = {
    "Belgique": ("SRL", "SA"), "Suisse": ("SA", "Sàrl"), "Allemagne": ("GmbH", "KG"), "Espagne": ("S.L.", "S.A."),
}
_METIERS_ETRANGER = {
    "Allemagne": ("Holzbau", "Spedition", "Elektro", "Metallbau", "Druckerei", "Bäckerei"),
    "Espagne": ("Transportes", "Construcciones", "Distribuciones", "Talleres", "Instalaciones"),
}
_DOMAINES_PAYS = {"Belgique": "be", "Suisse": "ch", "Allemagne": "de", "Espagne": "es"}
_FOURNISSEURS_ETRANGER = {"Belgique": "skynet.be", "Suisse": "bluewin.ch", "Allemagne": "gmx.de", "Espagne": "telefonica.net"}

_METIERS = (
    "Menuiserie", "Boulangerie", "Plomberie", "Transports", "Garage", "Imprimerie", "Électricité",
    "Charpente", "Pâtisserie", "Maçonnerie", "Carrosserie", "Serrurerie", "Couverture",
    "Fromagerie", "Brasserie", "Hôtel", "Restaurant", "Chaudronnerie", "Scierie", "Quincaillerie",
    "Librairie", "Jardinerie", "Boucherie", "Traiteur", "Ambulances", "Laboratoire", "Blanchisserie",
    "Plâtrerie", "Terrassements", "Clinique vétérinaire", "Auto-école", "Cave",
)
_LIEUX = (
    "du Marché", "de la Gare", "du Centre", "du Port", "des Alpes", "de l'Ouest", "du Lac",
    "des Vosges", "de la Vallée", "du Vieux Pont", "de la Place", "des Halles", "du Château",
    "de l'Étang", "des Trois Rivières", "du Parc",
)
_ACTIVITES = (
    "Bâtiment", "Distribution", "Services", "Logistique", "Industrie", "Rénovation", "Conseil",
    "Négoce", "Maintenance", "Énergies",
)
_REGIONS = (
    "Alpes", "Atlantique", "Provence", "Rhône", "Loire", "Garonne", "Bretagne", "Normandie",
    "Vosges", "Jura", "Méditerranée", "Auvergne",
)
_SPECIALITES = (
    "Froid Service", "Maintenance Industrielle", "Logistique", "Bâtiment Services", "Équipements",
    "Énergie Conseil", "Agencement", "Levage",
)
# Women's first names of the lists above; "Camille" is either, so its civilité stays unknown.
_PRENOMS_FEMININS = frozenset((
    "Marie", "Nathalie", "Isabelle", "Sophie", "Catherine", "Sandrine", "Valérie", "Céline", "Aurélie",
    "Émilie", "Hélène", "Caroline", "Léa", "Chloé", "Manon", "Inès", "Anaïs", "Agnès", "Noémie", "Gaëlle",
    "Françoise", "Fatima", "Nadia", "Océane", "Marie-Claire", "Anne-Sophie", "Maëlle",
    "Sabine", "Petra", "Katrin", "Ursula", "Carmen", "María", "Lucía", "Montserrat",
))
_PRENOMS_EPICENES = frozenset(("Camille",))
# Trades of the sole traders, and the activity (commercial court or not) each one is.
_METIERS_ARTISANAUX = frozenset((
    "Menuiserie", "Boulangerie", "Plomberie", "Électricité", "Charpente", "Pâtisserie", "Maçonnerie",
    "Carrosserie", "Serrurerie", "Couverture", "Chaudronnerie", "Boucherie", "Plâtrerie", "Garage",
))
_METIERS_LIBERAUX = ("Cabinet d'architecture", "Cabinet infirmier", "Kinésithérapie", "Cabinet de géomètre",
                     "Ostéopathie", "Clinique vétérinaire")
_METIERS_AGRICOLES = ("Ferme", "Domaine viticole", "Maraîchage", "Élevage")
_NOMS_SCI = ("Les Tilleuls", "Immobilière du Parc", "Du Vieux Port", "Les Hauts de Seine", "La Croix Blanche",
             "Les Érables", "Le Clos Saint-Jean")
# Rarely drawn, on purpose: each stresses escaping, quoting or Unicode somewhere.
_NOMS_SOCIETE_DELICATS = (
    "L'Œuf à la Coque", "Boulangerie « Au Pain d'Antan »", "Ets Müller & Cie",
    "A.B.C. — Assistance Bâtiment Conseil", "Société d'Études & d'Équipements (S.E.E.)",
    "Café-Bar « Le Ça Va »", "Zoé & Chloé <Créations>", "O'Brien & Fils", "Le Comptoir #42",
    "Ferronnerie d'Art 100 % Fer",
)
# Legal forms with their weight and the title of the person who runs the company.
_FORMES = (("SAS", 34, "Président"), ("SARL", 30, "Gérant"), ("SASU", 12, "Président"),
           ("EURL", 8, "Gérant"), ("SA", 5, "Directeur général"), ("SCI", 6, "Gérant"),
           ("SNC", 5, "Gérant"))
_FOURNISSEURS_EMAIL = ("gmail.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "outlook.fr",
                       "hotmail.fr", "yahoo.fr", "wanadoo.fr")

# --- invoices ------------------------------------------------------------------------------

_OBJETS_PRO = (
    "Fourniture de matériel électrique", "Prestation de maintenance — {mois}",
    "Contrat de maintenance annuel — {annee}", "Fourniture et pose de luminaires LED",
    "Dépannage du tableau électrique", "Location de nacelle élévatrice — {mois}",
    "Installation d'un système de vidéoprotection", "Mise en conformité de l'installation électrique",
    "Remplacement de l'éclairage de secours", "Câblage réseau informatique (lot 2)",
    "Fourniture de chemins de câbles et armoires", "Intervention d'urgence du {date}",
    "Vérification périodique des installations — {annee}", "Installation de bornes de recharge",
)
_OBJETS_PARTICULIER = (
    "Mise en conformité électrique du logement", "Installation d'une borne de recharge",
    "Remplacement du chauffe-eau", "Rénovation de l'installation électrique — acompte",
    "Dépannage du {date}", "Installation d'une pompe à chaleur — solde",
    "Pose de volets roulants électriques", "Installation d'un interphone vidéo",
)
_OBJETS_PUBLIC = (
    "Maintenance de l'éclairage public — {mois}", "Fourniture de matériel électrique (bon de commande n° {bc})",
    "Mise en conformité des bâtiments communaux", "Maintenance des installations techniques — {mois}",
    "Remplacement des blocs autonomes d'éclairage de sécurité", "Marché de travaux n° {bc} — situation n° 2",
)
_TAUX_CONTRACTUELS = (Decimal("12"), Decimal("9.5"), Decimal("15"), Decimal("10"), Decimal("13.5"))
