"""Seeded synthetic content for benchmarks: fictional institutions and technician profiles at sector scale.

    from synthetic import generate, baseline_markdown
    result = generate(project_dir, 10_000, seed=1)            # institutions/ + profiles/
    baseline_markdown(baseline_dir / "docs", 10_000, seed=1)   # the same people as plain Markdown pages

Everything written here is made up and says `sample: true`. Names, places, groups and identifiers are
combinations of word lists; ORCID iDs have a valid checksum but sit in a block (0009-0099-…) chosen to
be unlikely to belong to anyone; DOIs use the 10.5555 test prefix; web addresses are on example.org.

Determinism: person number i is drawn from its own random stream (seed, i), given the number of
institutions. So `generate(d, 1000, institutions=k)` and `generate(d, 100, institutions=k)` write the
same first 100 people byte for byte, which lets a benchmark compare one person's page at two sizes.

Run directly to write a project: `python tools/synthetic.py DEST N [--seed S] [--photos]`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import itertools
import json
import os
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

# ---------------------------------------------------------------------------------------------
# Vocabularies. Popularity follows the list order (Zipf-like weights), so put common items first.

SKILLS = """
Health and safety|Teaching support|Laboratory management|Cell culture|PCR|Microscopy|Technical training
Stock control|Risk assessment|COSHH assessment|Equipment maintenance|Data management|3D printing|CNC machining
Fluorescence microscopy|Confocal microscopy|Flow cytometry|Western blotting|ELISA|qPCR|DNA extraction
RNA extraction|Gel electrophoresis|Media preparation|Bacterial culture|Aseptic technique|Autoclave operation
Chemical inventory management|Waste management|Fume cupboard testing|Glassware preparation|Solution preparation
Analytical chemistry|HPLC|Gas chromatography|Mass spectrometry|NMR spectroscopy|UV-Vis spectroscopy
FTIR spectroscopy|Raman spectroscopy|X-ray diffraction|Scanning electron microscopy|Transmission electron microscopy
Sample preparation|Histology|Immunohistochemistry|Tissue processing|Cryosectioning|Microtomy|Image analysis
Python programming|R programming|MATLAB|LabVIEW|Linux system administration|High-performance computing
Research software engineering|Database administration|Network administration|Audio-visual support|Web development
Electronics design|PCB design|Soldering|Embedded systems|Arduino prototyping|Raspberry Pi projects
Mechanical design|CAD|SolidWorks|AutoCAD|Fusion 360|Welding|Sheet metal work|Turning|Milling|Laser cutting
Woodworking|Model making|Glassblowing|Vacuum systems|Cryogenics|Liquid nitrogen handling|Compressed gas safety
Radiation protection|Laser safety|Biological safety|Containment level 3 work|Animal husbandry|Aquarium systems
Plant growth facilities|Greenhouse management|Field work|Soil analysis|Water quality testing|Environmental monitoring
Geological thin sections|Rock cutting|Core logging|Drone operation|GIS|Surveying|Marine sampling|Boat handling
Diving operations|Meteorological instruments|Sensor deployment|Data logging|Instrument calibration|Metrology
Quality management|ISO 17025|GLP compliance|Audit preparation|Procurement|Budget management|Technical leadership
Project management|Line management|Mentoring|Apprentice supervision|Outreach|Public engagement|Widening participation
Science communication|Technical writing|Standard operating procedures|Training design|E-learning
Chemistry teaching laboratories|Physics teaching laboratories|Engineering teaching laboratories|Demonstrating
Practical class preparation|Assessment support|Exam invigilation|Student projects support|Dissertation support
Theatre lighting|Sound engineering|Stage management|Costume making|Set construction|Photography|Videography
Video editing|Broadcast engineering|Recording studio operation|Printmaking|Ceramics|Textiles|Digital fabrication
Screen printing|Bookbinding|Letterpress|Jewellery making|Metalwork|Casting|Kiln operation|Digital media
Museum conservation|Archive digitisation|Collections care|Imaging science|Medical physics|Clinical engineering
Anatomy dissection support|Embalming|Plastination|Simulation suite operation|Clinical skills teaching
Dental technology|Prosthetics|Audiology equipment|Sports science testing|Biomechanics|Motion capture
Physiological measurement|EEG|MRI operation|Ultrasound|Neuroimaging support|Electrophysiology|Patch clamp
Behavioural testing|Proteomics|Genomics|Next-generation sequencing|Bioinformatics|Sanger sequencing
Protein purification|Crystallography|Cryo-electron microscopy|Mass photometry|Surface plasmon resonance
Isothermal titration calorimetry|Thermal analysis|Rheology|Mechanical testing|Fatigue testing|Tensile testing
Non-destructive testing|Corrosion testing|Wind tunnel operation|Flume operation|Combustion rigs|Engine testing
Robotics|Control systems|PLC programming|Hydraulics|Pneumatics|Composites fabrication|Additive manufacturing
Metal additive manufacturing|Powder handling|Cleanroom operation|Photolithography|Thin film deposition
Sputter coating|Wire bonding|Atomic force microscopy|Ellipsometry|Semiconductor characterisation|Optics alignment
Laser systems|Spectroscopy software|Ultrafast lasers|Optical fibre splicing|RF engineering|Antenna measurement
Power electronics|High-voltage safety|Battery testing|Fuel cell testing|Solar cell characterisation
Chemical synthesis|Air-sensitive techniques|Schlenk line|Glovebox operation|Catalysis|Polymer synthesis
Chromatography purification|Solvent purification|Elemental analysis|ICP-MS|Atomic absorption spectroscopy
Ion chromatography|Titration|Calorimetry|Particle size analysis|Zeta potential|BET surface area
Stem cell culture|Organoid culture|Primary cell isolation|Transfection|CRISPR|Cloning|Plasmid preparation
Virology|Parasitology|Mosquito rearing|Insectary management|Entomology|Vector biology|Field epidemiology
Malaria diagnostics|Blood sample processing|Biobanking|Sample tracking|LIMS administration|Cold chain management
Freezer management|Shipping dangerous goods|Import permits|Zebrafish husbandry|Drosophila husbandry
Rodent husbandry|Home Office licence support|Veterinary nursing|Animal welfare|Histopathology
Cytology|Haematology|Clinical biochemistry|Immunology assays|Microbiology diagnostics|Antimicrobial testing
Food science|Sensory analysis|Brewing|Nutrition analysis|Pharmaceutical formulation|Tablet pressing
Dissolution testing|Stability testing|Sterile manufacturing|Radiochemistry|Radiopharmacy|Nuclear instrumentation
Accelerator operation|Detector assembly|Astronomical instrumentation|Telescope operation|Planetarium operation
Seismic monitoring|Geochemistry|Palaeontology preparation|Sediment coring|Ice core handling|Isotope analysis
Dendrochronology|Archaeological finds processing|Conservation science|Paper conservation|Textile conservation
IT service desk|Device management|Cyber security|Cloud computing|Virtualisation|Research data storage
Open science|Data visualisation|Statistical analysis|Machine learning|Computer vision|Scientific computing
""".strip()

EQUIPMENT = """
Autoclaves|Fume cupboards|Class II biosafety cabinets|Centrifuges|-80 °C freezers|Incubators|Thermal cyclers
Real-time PCR system|Confocal microscope|Widefield fluorescence microscope|Flow cytometer|Cell sorter
Plate reader|HPLC system|GC-MS|LC-MS|NMR spectrometer|FTIR spectrometer|UV-Vis spectrophotometer
X-ray diffractometer|Scanning electron microscope|Transmission electron microscope|Atomic force microscope
Microtome|Cryostat|Tissue processor|Slide scanner|Gel documentation system|Nanodrop|Bioanalyser
Next-generation sequencer|Liquid handling robot|Glovebox|Schlenk lines|Rotary evaporators|Freeze dryer
CNC milling machine|Lathe|Laser cutter|3D printers|Waterjet cutter|Welding bay|Sheet metal folder
Wind tunnel|Water flume|Tensile testing machine|Fatigue rig|Environmental chamber|Vacuum oven
Cleanroom|Mask aligner|Sputter coater|Thermal evaporator|Wire bonder|Probe station|Oscilloscopes
Signal generators|Spectrum analyser|Anechoic chamber|PCB mill|Reflow oven|Electronics workshop
Mechanical workshop|Teaching laboratories|Undergraduate physics laboratory|Chemistry teaching laboratory
Containment level 2 suite|Containment level 3 suite|Insectary|Animal facility|Aquarium|Zebrafish facility
Greenhouses|Plant growth rooms|Controlled environment rooms|Field equipment store|Research vessel
Drones|Weather station|Seismometers|Core store|Rock preparation laboratory|Thin section laboratory
ICP-MS|Atomic absorption spectrometer|Ion chromatograph|Elemental analyser|Particle size analyser
Rheometer|Differential scanning calorimeter|Thermogravimetric analyser|Isothermal titration calorimeter
Surface plasmon resonance system|Cryo-electron microscope|Crystallisation robot|Protein purification system
MRI scanner|EEG system|Motion capture suite|Force plates|Treadmill laboratory|Environmental chamber for sport
Simulation suite|Anatomy laboratory|Dissection room|Clinical skills laboratory|Dental laboratory
Recording studio|Television studio|Theatre|Lighting rig|Sound desk|Photography studio|Darkroom
Print studio|Ceramics studio|Kilns|Textiles studio|Jewellery workshop|Foundry|Wood workshop
Digital fabrication laboratory|Makerspace|High-performance computing cluster|Research data storage
Virtual desktop service|Audio-visual systems|Lecture theatre systems|Laptop loan service
Liquid nitrogen plant|Helium recovery system|Dilution refrigerator|Cryostats|Laser laboratory|Optical tables
Ultrafast laser system|Spectroscopy suite|Radiochemistry laboratory|Gamma counter|Scintillation counter
Biobank|Sample store|LIMS|Cold room|Anaerobic cabinet|Hypoxia chamber|Organ bath system|Patch clamp rig
Behavioural testing suite|Mosquito insectary|Malaria culture laboratory|Field station|Boat and trailer
""".strip()

DEPARTMENTS = """
School of Biosciences|School of Chemistry|School of Physics and Astronomy|School of Engineering
School of Mathematics|School of Computer Science|School of Earth and Environmental Sciences
School of Geography|School of Psychology|School of Medicine|School of Dentistry|School of Pharmacy
School of Healthcare Sciences|School of Sport and Exercise Sciences|School of Art and Design
School of Music|School of Performing Arts|School of Journalism and Media|School of Architecture
School of Archaeology|Faculty of Science Technical Services|Faculty of Engineering Technical Services
Faculty of Medicine Technical Services|Central Workshop|Research Computing|IT Services|Library Services
Estates and Facilities|Centre for Imaging|Bioimaging Facility|Genomics Core|Proteomics Facility
Biological Services Unit|Electron Microscopy Unit|Materials Characterisation Centre|Cleanroom Facility
Institute of Infection and Global Health|Institute of Neuroscience|Institute of Cancer Sciences
Institute of Marine Science|Institute of Energy|Department of Civil Engineering|Department of Mechanical Engineering
Department of Electrical and Electronic Engineering|Department of Chemical Engineering|Department of Materials
Department of Life Sciences|Department of Veterinary Sciences|Department of Vector Biology
Department of Tropical Disease Biology|Department of Clinical Sciences|Department of Food Science
Department of Forensic Science|Department of Film and Television|Department of Theatre|Museum and Collections
""".strip()

JOB_TITLES = """
Laboratory Technician|Senior Laboratory Technician|Technical Officer|Senior Technical Officer|Technician
Research Technician|Teaching Laboratory Technician|Workshop Technician|Mechanical Workshop Technician
Electronics Technician|IT Technician|Research Software Engineer|Technical Specialist|Facility Manager
Technical Manager|Senior Technical Manager|Head of Technical Services|Apprentice Laboratory Technician
Apprentice Engineering Technician|Imaging Specialist|Microscopy Technologist|Field Technician
Animal Technician|Senior Animal Technician|Media Technician|Audio-Visual Technician|Design Technician
Creative Technician|Studio Technician|Conservation Technician|Data Technician|Instrument Scientist
Experimental Officer|Research Facility Technologist|Clinical Skills Technician|Anatomy Technician
""".strip()

TOPICS = """
Molecular Microbiology|Structural Biology|Cell Biology|Developmental Biology|Plant Sciences|Ecology|Neuroscience
Immunology|Cancer Biology|Infection Biology|Vector Biology|Parasitology|Virology|Genomics|Proteomics|Bioimaging
Synthetic Chemistry|Catalysis|Materials Chemistry|Physical Chemistry|Analytical Science|Polymer Science
Soft Matter|Condensed Matter|Quantum Technologies|Photonics|Ultrafast Spectroscopy|Astrophysics|Particle Physics
Nuclear Physics|Medical Physics|Biomechanics|Sport Performance|Robotics|Control Engineering|Fluid Dynamics
Aerodynamics|Combustion|Energy Storage|Solar Energy|Power Electronics|Communications|Antennas|Microelectronics
Nanofabrication|Additive Manufacturing|Composites|Structural Engineering|Geotechnics|Water Engineering
Coastal Processes|Marine Biology|Oceanography|Climate Science|Glaciology|Volcanology|Palaeobiology|Geochemistry
Archaeological Science|Conservation Science|Digital Humanities|Human-Computer Interaction|Machine Learning
Data Science|Cyber Security|Sound and Music|Performance|Fashion and Textiles|Fine Art|Product Design
Drug Discovery|Pharmaceutics|Toxicology|Nutrition|Food Safety|Global Health|Epidemiology|Tissue Engineering
""".strip()

GROUP_KINDS = ("{t} Group", "{t} Laboratory", "{t} Research Group", "{t} Facility", "Centre for {t}", "{t} Lab")

FIRST_NAMES = """
Amara Daniel Gareth Hannah Ian Lucy Michael Nadia Owen Priya Rachel Sophie Tom Wei Aisha Adam Alice Alex Amy
Andrew Anna Ben Beth Callum Catherine Charlotte Chloe Chris Claire Connor Craig David Deborah Eilidh Eleanor
Ella Emily Emma Ethan Euan Farah Fiona Freya Gemma George Grace Harriet Harry Hassan Helen Holly Imran Isla
Jack Jade James Jamie Jane Jasmine Jason Jennifer Jessica Joanna John Jonathan Joseph Josh Julia Karen Kate
Katie Kieran Laura Lauren Leah Lewis Liam Lily Louise Luke Mark Martin Mary Matthew Megan Mei Mohammed Molly
Naomi Nathan Neil Nicola Niamh Oliver Olivia Omar Paul Peter Philip Rebecca Richard Robert Rory Rosie Ruth
Ryan Sam Samuel Sarah Scott Sean Simon Siobhan Stephen Steven Stuart Susan Tanvir Thomas Tim Victoria Will
Yasmin Zara Zoe Ahmed Bethan Carys Cerys Dafydd Dylan Ffion Gethin Iwan Lowri Rhys Sion Tomos Aoife Ciaran
Declan Orla Padraig Roisin Shauna Fatima Kwame Ade Chidi Ngozi Tunde Yusuf Priyanka Ravi Anil Sunita Deepak
Li Jing Hui Ming Xin Yan Kenji Haruka Mateo Sofia Lucia Marco Giulia Pierre Camille Lukas Anja Piotr Ola
""".split()

LAST_NAMES = """
Okafor Price Lewis Walsh Fletcher Hughes Grant Rahman Davies Shah Morgan Turner Barker Chen Smith Jones Williams
Taylor Brown Wilson Evans Thomas Johnson Roberts Robinson Thompson Wright Walker White Edwards Green Hall Wood
Harris Martin Jackson Clarke Clark Patel Khan Ali Hussain Ahmed Singh Kaur Begum Campbell Stewart Anderson
Scott Murray MacDonald Reid Ross Paterson Young Mitchell Watson Morrison Fraser Kennedy Graham Hamilton Kerr
Jenkins Rees Powell Griffiths Owen Llewellyn Pritchard Bowen Vaughan Parry Murphy Kelly O'Neill Byrne Ryan
Doyle McCarthy Quinn Gallagher Brennan Nolan Adeyemi Mensah Boateng Nwosu Eze Osei Ibrahim Abdi Mohamed
Wang Zhang Liu Li Huang Zhao Wu Zhou Xu Sun Lin Tanaka Sato Suzuki Kim Park Lee Nguyen Tran Garcia Martinez
Rodriguez Lopez Fernandez Rossi Russo Ferrari Bianchi Dubois Moreau Muller Schmidt Schneider Fischer Weber
Kowalski Nowak Wisniewski Novak Jensen Hansen Larsen Andersson Johansson Nilsson Berg Holm Baker Carter Cooper
Cox Dixon Ellis Fisher Foster Gibson Gray Harrison Hill Holmes Hunt Jordan King Knight Lawrence Marshall Mason
Matthews Mills Moore Morris Palmer Parker Pearce Phillips Reynolds Richards Richardson Rose Russell Shaw
Simpson Spencer Stevens Sutton Wallace Ward Watts Webb Wells West Wheeler Wilkinson Woods Chapman Atkinson
""".split()

PLACE_HEADS = ("Ash Bram Cald Dun Elm Fair Glen Hale Ivy Quen Lang Mar Nor Oak Pen Raven Stoat Thorn Ulls Wick "
               "Yar Brook Hol Mead Sel Tarn Wren Alder Bryn Carr Dene Frith Garth Heath Ings Lark Moss Pike Rook "
               "Shaw Ted Vale Whin").split()
PLACE_TAILS = "ford bury ton field wick mouth bridge ham ley minster cester stead dale holme worth".split()
INSTITUTION_KINDS = ("University of {p}", "{p} University", "{p} Institute of Technology", "{p} Metropolitan University",
                     "{p} College of Science and Technology", "{p} School of Tropical Medicine")
NATIONS = ("England",) * 12 + ("Scotland", "Scotland", "Wales", "Northern Ireland")

REGISTRATIONS = ("RSciTech", "EngTech", "RSci", "FHEA", "IEng", "AFHEA", "CSci", "CEng", "RITTech", "SFHEA", "PFHEA")
VIA = ("Royal Society of Biology", "Royal Society of Chemistry", "Institute of Physics", "Science Council",
       "Institution of Mechanical Engineers", "Institution of Engineering and Technology", "Institute of Science and Technology",
       "Institute of Physics and Engineering in Medicine", "Advance HE", "BCS, The Chartered Institute for IT")
QUALIFICATIONS = ("HNC Applied Biology", "HND Engineering", "BSc Biomedical Science", "BSc Chemistry", "BEng Mechanical Engineering",
                  "MSc Analytical Chemistry", "Level 3 Laboratory Technician apprenticeship", "BTEC Level 3 Applied Science",
                  "Foundation degree in Science", "City and Guilds Electrical Installation", "PhD Physics",
                  "Level 5 Technician Scientist apprenticeship", "NVQ Level 3 Engineering Maintenance", "BA Fine Art",
                  "MSc Bioinformatics", "BSc Computer Science", "Postgraduate Certificate in Academic Practice")
AWARDED_BY = ("a further education college", "Northgate University", "the Open University", "a university",
              "City and Guilds", "Pearson")
AWARD_SCHEMES = ("Papin Prize", "THE Awards", "Vice-Chancellor's Awards for Excellence", "IST Awards",
                 "HEaTED Technician Awards", "Science Council CPD Awards", "Technician of the Year")
AWARD_CATEGORIES = ("Contribution to Teaching", "Apprentice of the Year", "Technical Innovation", "Outstanding Technician",
                    "Sustainability", "Research Support", "Public Engagement", None, None)
AWARD_RESULTS = ("winner", "highly commended", "shortlisted", "nominated")
CREDIT_ROLES = ("Investigation", "Methodology", "Validation", "Resources", "Software", "Data curation", "Formal analysis",
                "Visualization", "Writing – review & editing", "Project administration")
OUTREACH = ("STEM Ambassador", "School careers fairs", "Science festival volunteer", "Open day demonstrations",
            "Work experience placements", "Apprentice ambassador", "Technician network committee", "Girls into STEM events",
            "Museum late events", "Schools workshop programme")
PRONOUNS = ("she/her", "he/him", "they/them", "she/they", "he/they")
PREVIOUS = ("in a hospital pathology laboratory", "in industry as a quality control analyst", "in a school science department",
            "as an apprentice at an engineering firm", "in a contract research organisation", "in the water industry",
            "as a research assistant", "in a museum conservation studio", "in IT support for a local council",
            "in a theatre production workshop", "at a pharmaceutical company", "in the Army as an electronics technician")
ORGANISATIONS = ("a hospital pathology laboratory", "a further education college", "an engineering firm",
                 "a contract research organisation", "a water company", "a pharmaceutical company", "a local council",
                 "a museum", "a theatre company", "the Army", "a school science department", "a food manufacturer")
AUDIENCES = ("undergraduate students", "postgraduate researchers", "visiting researchers", "new staff", "apprentices",
             "research groups across the faculty", "industry partners", "school groups")
GOALS = ("registration as RSciTech", "registration as EngTech", "a Level 5 apprenticeship", "a part-time degree",
         "Fellowship of the Higher Education Academy", "chartered status", "a management qualification")
EXTRAS = ("sit on the technician network committee", "run our equipment booking system", "mentor two apprentices",
          "lead the department's sustainability group", "help with open days", "write the local safety rules",
          "look after the departmental stores", "coordinate equipment servicing contracts")
DAY_OPENINGS = ("My day starts with a walk round the laboratories", "The first hour is always the booking system and email",
                "I usually arrive before eight to check the overnight runs", "Mornings begin with the equipment log",
                "Every day starts with a safety check of the workshop")
DAY_MIDDLES = ("Most mornings go on setting up practical classes", "After that I help researchers plan their experiments",
               "Late morning is for servicing and calibration", "Around midday I run inductions for new users",
               "Afternoons are usually spent supporting students on the instruments")
DAY_CLOSINGS = ("Before I leave I make sure the waste is cleared and the logs are signed",
                "The day ends with orders, stock checks and next week's bookings",
                "Once a week I meet the other technicians to share problems and fixes",
                "Fridays are for training, maintenance and the jobs that keep slipping")


def _split(block: str) -> list[str]:
    items = [s.strip() for s in re.split(r"[|\n]", block)]
    return list(dict.fromkeys(s for s in items if s))


SKILL_LIST = _split(SKILLS)
EQUIPMENT_LIST = _split(EQUIPMENT)
DEPARTMENT_LIST = _split(DEPARTMENTS)
JOB_TITLE_LIST = _split(JOB_TITLES)
TOPIC_LIST = _split(TOPICS)


class _Zipf:
    """Draw items with weight 1 / rank**s: the first item is the most popular."""

    def __init__(self, items, s: float = 1.0):
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (r ** s) for r in range(1, len(self.items) + 1)))

    def one(self, rng: random.Random):
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]

    def some(self, rng: random.Random, k: int) -> list:
        k = min(k, len(self.items))
        seen: dict = {}
        while len(seen) < k:
            seen.setdefault(self.one(rng), None)
        return list(seen)


_SKILLS = _Zipf(SKILL_LIST, 1.0)
_EQUIPMENT = _Zipf(EQUIPMENT_LIST, 0.9)
_REGISTRATIONS = _Zipf(REGISTRATIONS, 1.1)

# ---------------------------------------------------------------------------------------------
# The plan: institutions first (from the seed alone), then people one by one.


@dataclass
class InstitutionPlan:
    slug: str
    name: str
    short_name: str
    nation: str
    signatory_year: int
    departments: list[str]
    groups: list[tuple[str, str | None, str | None, str | None]]  # name, pi, pi_url, url
    domain: str
    groups_zipf: _Zipf = field(repr=False, default=None)
    departments_zipf: _Zipf = field(repr=False, default=None)


@dataclass
class GenerateResult:
    institutions: list[str]        # slugs, in the order people were assigned to them
    keys: list[str]                # "institution/person" for every profile, in generation order
    rich_key: str                  # a profile with groups, registrations and a career: good for page comparisons


def institution_count(n_profiles: int) -> int:
    return max(3, min(150, n_profiles // 60))


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _institutions(seed: int, count: int) -> list[InstitutionPlan]:
    rng = random.Random(f"{seed}:institutions")
    places = [h + t for h in PLACE_HEADS for t in PLACE_TAILS]
    rng.shuffle(places)
    result, slugs = [], set()
    for k in itertools.count():
        if len(result) == count:
            break
        place = places[k % len(places)]
        kind = INSTITUTION_KINDS[0] if k % 3 == 0 else rng.choice(INSTITUTION_KINDS)
        name = kind.format(p=place)
        if k >= len(places):
            name += f" {k // len(places) + 1}"
        slug = _slugify(name)
        if slug in slugs:
            continue
        slugs.add(slug)
        irng = random.Random(f"{seed}:institution:{slug}")
        departments = irng.sample(DEPARTMENT_LIST, irng.randint(5, 18))
        groups = []
        for topic in irng.sample(TOPIC_LIST, 25):
            group_name = irng.choice(GROUP_KINDS).format(t=topic)
            pi = f"{irng.choice(('Dr', 'Professor', 'Dr', 'Dr'))} {irng.choice(FIRST_NAMES)} {irng.choice(LAST_NAMES)}"
            pi_url = f"https://example.org/{slug}/staff/{_slugify(pi.split(' ', 1)[1])}" if irng.random() < 0.5 else None
            url = f"https://example.org/{slug}/groups/{_slugify(topic)}" if irng.random() < 0.6 else None
            groups.append((group_name, pi if irng.random() < 0.8 else None, pi_url, url))
        short = "".join(w[0] for w in name.split() if w[0].isupper())
        plan = InstitutionPlan(slug, name, short, irng.choice(NATIONS), irng.randint(2017, 2025), departments, groups,
                               f"{slug}.example.ac.uk")
        plan.groups_zipf = _Zipf(plan.groups, 1.0)
        plan.departments_zipf = _Zipf(plan.departments, 0.8)
        result.append(plan)
    return result


def _orcid(seed: int, i: int) -> str:
    base = f"00090099{(seed * 7919 + i) % 10_000_000:07d}"
    total = 0
    for ch in base:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    digits = base + ("X" if check == 10 else str(check))
    return "-".join(digits[j:j + 4] for j in range(0, 16, 4))


def _words(text: str) -> int:
    return len(text.split())


def _lc(text: str) -> str:
    """Lower-case for use mid-sentence, leaving acronyms (qPCR, DNA, NMR) alone."""
    first, _, rest = text.partition(" ")
    first = first.lower() if first[1:].islower() else first
    return f"{first} {rest}" if rest else first


def _summary(rng: random.Random, inst: InstitutionPlan, department: str, skills: list[str], equipment: list[str]) -> str:
    skill_a, skill_b = (skills + skills)[:2]
    kit = equipment[0] if equipment else "shared instruments"
    candidates = [
        f"I look after the {_lc(kit)} in the {department} and train {rng.choice(AUDIENCES)} to use it safely.",
        f"My work covers {_lc(skill_a)} and {_lc(skill_b)}, and I support projects across the {department}.",
        f"Most of my week goes on {_lc(rng.choice(skills))} for {rng.choice(AUDIENCES)}, with the rest on maintenance and training.",
        f"Before joining {inst.short_name} I worked {rng.choice(PREVIOUS)}.",
        f"I am working towards {rng.choice(GOALS)}.",
        f"I also {rng.choice(EXTRAS)}.",
        f"People come to me for help with {_lc(rng.choice(skills))}, troubleshooting and planning experiments that need "
        f"the {_lc(rng.choice(equipment or ['workshop']))}.",
        f"I enjoy the variety: no two weeks are the same, and I learn something new from {rng.choice(AUDIENCES)} every term.",
        f"I keep our procedures, risk assessments and training records up to date so that work is safe and repeatable.",
    ]
    rng.shuffle(candidates)
    if rng.random() < 0.15:  # some contributors use a little Markdown: emphasis or a link
        candidates.insert(0, f"Ask me about **{_lc(rng.choice(skills))}**." if rng.random() < 0.5 else
                          f"Our facility has [its own page](https://example.org/{inst.slug}/facilities) with booking details.")
    sentences: list[str] = []
    count = 0
    for sentence in candidates:
        n = _words(sentence)
        if count + n > 80:
            continue
        sentences.append(sentence)
        count += n
        if count >= 40 and rng.random() < 0.5:
            break
    return " ".join(sentences)


def _day(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(2, 3)):
        parts = [rng.choice(DAY_OPENINGS), rng.choice(DAY_MIDDLES).lower(), rng.choice(DAY_CLOSINGS).lower()]
        paragraphs.append(f"{parts[0]}; {parts[1]}. Then {parts[2]}. It is rarely quiet, and that is the part I like best.")
    return "\n\n".join(paragraphs)


def _person(seed: int, i: int, inst: InstitutionPlan, names_taken: set[str], slugs_taken: set[str], photos: bool) -> tuple[str, dict]:
    rng = random.Random(f"{seed}:person:{i}")
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    name = f"{first} {last}"
    middles = iter(rng.sample("ABCDEFGHJKLMNPRSTW", 18))
    while name.casefold() in names_taken or _slugify(name) in slugs_taken:
        middle = next(middles, None)
        name = f"{first} {middle}. {last}" if middle else f"{first} {last} {i}"
    names_taken.add(name.casefold())
    slug = _slugify(name)
    slugs_taken.add(slug)

    department = inst.departments_zipf.one(rng)
    skills = _SKILLS.some(rng, rng.randint(3, 10))
    equipment = _EQUIPMENT.some(rng, rng.randint(1, 6)) if rng.random() < 0.85 else []
    title = rng.choice(JOB_TITLE_LIST)
    data: dict = {"name": name}
    if rng.random() < 0.5:
        data["pronouns"] = rng.choice(PRONOUNS)
    data["job_title"] = title
    if rng.random() < 0.7:
        data["grade"] = f"Grade {rng.randint(3, 8)}"
    data["department"] = department
    if rng.random() < 0.5:
        groups = []
        for g in inst.groups_zipf.some(rng, 1 if rng.random() < 0.8 else 2):
            group = {"name": g[0]}
            if g[1]:
                group["pi"] = g[1]
            if g[2]:
                group["pi_url"] = g[2]
            if g[3]:
                group["url"] = g[3]
            groups.append(group)
        data["groups"] = groups
    if photos and rng.random() < 0.4:
        data["photo"] = {"file": "photo.jpg", "alt": f"Portrait of {name} (a generated placeholder image)"}
    data["summary"] = _summary(rng, inst, department, skills, equipment)
    data["skills"] = skills
    if equipment:
        data["equipment"] = equipment
    if rng.random() < 0.2:
        data["day_in_the_life"] = _day(rng)
    year = rng.randint(1995, 2022)
    career = []
    for _ in range(rng.randint(1, 4)):
        start = f"{year}-{rng.randint(1, 12):02d}" if rng.random() < 0.7 else str(year)
        step = {"start": start, "role": rng.choice(JOB_TITLE_LIST)}
        if rng.random() < 0.7:
            step["organisation"] = inst.name if rng.random() < 0.5 else rng.choice(ORGANISATIONS)
        career.append(step)
        year = min(2026, year + rng.randint(1, 6))
    if rng.random() < 0.9:
        data["career"] = career
    if rng.random() < 0.6:
        data["qualifications"] = [
            {k: v for k, v in (("title", q), ("awarded_by", rng.choice(AWARDED_BY) if rng.random() < 0.6 else None),
                               ("year", rng.randint(1990, 2025) if rng.random() < 0.8 else None)) if v is not None}
            for q in rng.sample(QUALIFICATIONS, rng.randint(1, 2))
        ]
    if rng.random() < 0.3:
        regs = _REGISTRATIONS.some(rng, 1 if rng.random() < 0.8 else 2)
        data["registrations"] = [
            {k: v for k, v in (("title", r), ("year", rng.randint(2012, 2026)),
                               ("via", rng.choice(VIA) if rng.random() < 0.6 else None)) if v is not None}
            for r in regs
        ]
    if rng.random() < 0.06:
        data["awards"] = [
            {k: v for k, v in (("scheme", rng.choice(AWARD_SCHEMES)), ("category", rng.choice(AWARD_CATEGORIES)),
                               ("year", rng.randint(2015, 2026)), ("result", rng.choice(AWARD_RESULTS))) if v is not None}
            for _ in range(rng.randint(1, 2))
        ]
    if rng.random() < 0.15:
        data["outputs"] = [
            {"title": f"{rng.choice(('A', 'An improved', 'A low-cost', 'A reproducible'))} {rng.choice(skills).lower()} "
                      f"protocol for {rng.choice(TOPIC_LIST).lower()} (synthetic sample)",
             "doi": f"10.5555/synthetic.{seed}.{i}.{j}", "year": rng.randint(2010, 2026),
             "roles": rng.sample(CREDIT_ROLES, rng.randint(1, 3))}
            for j in range(rng.randint(1, 3))
        ]
    if rng.random() < 0.2:
        data["orcid"] = _orcid(seed, i)
    if rng.random() < 0.25:
        data["outreach"] = rng.sample(OUTREACH, rng.randint(1, 2))
    if rng.random() < 0.15:
        data["links"] = [{"label": f"{name}'s page at {inst.short_name} (sample)", "url": f"https://example.org/{inst.slug}/{slug}"}]
    if rng.random() < 0.6:
        data["email"] = f"{slug}@{inst.domain}"
    shown = [s for s in ("photo", "email", "pronouns") if rng.random() < 0.5]
    data["consent"] = {"given_on": dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 660)), "show": shown}
    data["sample"] = True
    return slug, data


def _plan(n_profiles: int, seed: int, institutions: int | None, photos: bool
          ) -> tuple[list[InstitutionPlan], Iterator[tuple[InstitutionPlan, str, dict]]]:
    insts = _institutions(seed, institutions or institution_count(n_profiles))
    weights = _Zipf(insts, 0.5)  # a few large universities, a long tail of small ones

    def people():
        names: dict[str, set] = {p.slug: set() for p in insts}
        slugs: dict[str, set] = {p.slug: set() for p in insts}
        for i in range(n_profiles):
            inst = weights.one(random.Random(f"{seed}:where:{i}"))
            slug, data = _person(seed, i, inst, names[inst.slug], slugs[inst.slug], photos)
            yield inst, slug, data

    return insts, people()


# ---------------------------------------------------------------------------------------------
# Writers


def _q(value) -> str:
    """A YAML scalar: strings double-quoted (our text has no control characters), numbers and dates bare."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _wrap(text: str, indent: str, width: int = 96) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(indent + line)
    return lines


def profile_yaml(data: dict) -> str:
    out = ["# Synthetic sample profile written by tools/synthetic.py: this person does not exist."]
    for key, value in data.items():
        if key == "summary":
            out.append("summary: >-")
            out += _wrap(value, "  ")
        elif key == "day_in_the_life":
            out.append("day_in_the_life: |")
            for n, para in enumerate(value.split("\n\n")):
                if n:
                    out.append("")
                out += _wrap(para, "  ")
        elif key == "consent":
            out.append("consent:")
            out.append(f"  given_on: {value['given_on'].isoformat()}")
            out.append(f"  show: [{', '.join(value['show'])}]")
        elif isinstance(value, dict):
            out.append(f"{key}:")
            out += [f"  {k}: {_q(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            out.append(f"{key}:")
            for item in value:
                if isinstance(item, dict):
                    first = True
                    for k, v in item.items():
                        text = f"[{', '.join(_q(x) for x in v)}]" if isinstance(v, list) else _q(v)
                        out.append(f"  {'- ' if first else '  '}{k}: {text}")
                        first = False
                else:
                    out.append(f"  - {_q(item)}")
        else:
            out.append(f"{key}: {_q(value)}")
    return "\n".join(out) + "\n"


def institution_yaml(inst: InstitutionPlan) -> str:
    return (
        "# Synthetic sample institution written by tools/synthetic.py: it does not exist.\n"
        f"name: {_q(inst.name)}\n"
        f"short_name: {_q(inst.short_name)}\n"
        f"website: https://example.org/{inst.slug}/\n"
        f"nation: {inst.nation}\n"
        f"signatory_year: {inst.signatory_year}\n"
        "about: >-\n"
        f"  {inst.name} is a **fictional sample institution** generated for benchmarking the Technician Portal.\n"
        "sample: true\n"
    )


def _photo_blobs(count: int = 12) -> list[bytes]:
    from PIL import Image, ImageDraw  # only when photos are asked for

    blobs = []
    rng = random.Random("photos")
    for _ in range(count):
        image = Image.new("RGB", (240, 240), tuple(rng.randint(40, 220) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        draw.ellipse((70, 40, 170, 140), fill=tuple(rng.randint(0, 255) for _ in range(3)))
        draw.rectangle((50, 150, 190, 240), fill=tuple(rng.randint(0, 255) for _ in range(3)))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80)
        blobs.append(buffer.getvalue())
    return blobs


def generate(dest: Path, n_profiles: int, *, seed: int = 1, institutions: int | None = None,
             photos: bool = False) -> GenerateResult:
    """Write institutions/<slug>.yml and profiles/<inst>/<person>/profile.yml under `dest`.

    `institutions` overrides the number of institutions (default: max(3, min(150, n // 60))).
    """
    dest = Path(dest)
    insts, people = _plan(n_profiles, seed, institutions, photos)
    (dest / "institutions").mkdir(parents=True, exist_ok=True)
    for inst in insts:
        (dest / "institutions" / f"{inst.slug}.yml").write_text(institution_yaml(inst), encoding="utf-8")
    blobs = _photo_blobs() if photos else []
    keys: list[str] = []
    rich = None
    for inst in insts:
        (dest / "profiles" / inst.slug).mkdir(parents=True, exist_ok=True)
    for n, (inst, slug, data) in enumerate(people):
        folder = os.path.join(dest, "profiles", inst.slug, slug)
        os.mkdir(folder)
        with open(os.path.join(folder, "profile.yml"), "w", encoding="utf-8") as fh:
            fh.write(profile_yaml(data))
        if "photo" in data:
            with open(os.path.join(folder, "photo.jpg"), "wb") as fh:
                fh.write(blobs[n % len(blobs)])
        key = f"{inst.slug}/{slug}"
        keys.append(key)
        if rich is None and data.get("groups") and data.get("registrations") and data.get("career"):
            rich = key
    return GenerateResult([i.slug for i in insts], keys, rich or (keys[0] if keys else ""))


def _md(text: str) -> str:
    """Plain text for a Markdown line: escape the few characters Markdown would treat as markup."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", str(text))


def profile_markdown(inst: InstitutionPlan, data: dict) -> str:
    """The hand-written Markdown page a person would publish on a plain MkDocs site: the same visible text."""
    from techportal.models import periods
    from techportal.models.profile import REGISTRATION_BODIES, REGISTRATION_NAMES, Registration

    shown = set(data["consent"]["show"])
    name = data["name"]
    heading = f"# {_md(name)}"
    if data.get("pronouns") and "pronouns" in shown:
        heading += f" ({_md(data['pronouns'])})"
    lead = _md(data["job_title"]) + (f" ({_md(data['grade'])})" if data.get("grade") else "")
    description = f"{data['job_title']}, {inst.name}. {data['summary']}"[:300]
    out = ["---", f"title: {_q(name)}", f"description: {_q(description)}", "---", "", heading, "",
           f"{lead}<br>", f"{_md(data['department'])}, {_md(inst.name)}", ""]
    regs = data.get("registrations", [])
    if regs:
        out += [" ".join(f"**{r['title']}**" for r in regs), ""]
    out += [data["summary"], ""]

    def section(title: str, items: list[str], ordered: bool = False) -> None:
        if items:
            out.extend([f"## {title}", ""])
            out.extend(f"{n}. {item}" if ordered else f"- {item}" for n, item in enumerate(items, 1))
            out.append("")

    section("Skills and techniques", [_md(s) for s in data.get("skills", [])])
    section("Equipment and facilities", [_md(s) for s in data.get("equipment", [])])
    section("Research groups", [_md(g["name"]) + (f", with {_md(g['pi'])}" if g.get("pi") else "")
                                for g in data.get("groups", [])])
    if data.get("day_in_the_life"):
        out += ["## A day in the life", "", data["day_in_the_life"], ""]
    section("Career path", [f"{periods.describe(s['start'])} — {_md(s['role'])}"
                            + (f", {_md(s['organisation'])}" if s.get("organisation") else "")
                            for s in data.get("career", [])], ordered=True)
    section("Professional registration", [
        f"**{r['title']}** — {REGISTRATION_NAMES[Registration(r['title'])]} ({REGISTRATION_BODIES[Registration(r['title'])]}), "
        f"{r['year']}" + (f", through {_md(r['via'])}" if r.get("via") else "") for r in regs])
    section("Qualifications", [_md(q["title"]) + (f", {_md(q['awarded_by'])}" if q.get("awarded_by") else "")
                               + (f", {q['year']}" if q.get("year") else "") for q in data.get("qualifications", [])])
    section("Awards", [f"**{_md(a['scheme'])}**" + (f" — {_md(a['category'])}" if a.get("category") else "")
                       + f", {a['year']}: {a['result']}" for a in data.get("awards", [])])
    section("Research contributions", [
        f"[{_md(o['title'])}](https://doi.org/{o['doi']}) ({o['year']}). Roles: {', '.join(o['roles'])}"
        for o in data.get("outputs", [])])
    section("Outreach", [_md(s) for s in data.get("outreach", [])])
    contact = []
    if data.get("email") and "email" in shown:
        contact.append(f"Email: [{data['email']}](mailto:{data['email']})")
    if data.get("orcid"):
        contact.append(f"ORCID: [{data['orcid']}](https://orcid.org/{data['orcid']})")
    contact += [f"[{_md(link['label'])}]({link['url']})" for link in data.get("links", [])]
    section("Contact and links", contact)
    return "\n".join(out)


def baseline_markdown(dest_docs: Path, n_profiles: int, *, seed: int = 1, institutions: int | None = None) -> list[str]:
    """Write docs/technicians/<inst>/<person>/index.md for every profile `generate` would write.

    Returns the site paths written (e.g. technicians/x/y/), in generation order.
    """
    _ensure_techportal()
    dest_docs = Path(dest_docs)
    _, people = _plan(n_profiles, seed, institutions, False)
    written = []
    made: set[str] = set()

    for inst, slug, data in people:
        if inst.slug not in made:
            (dest_docs / "technicians" / inst.slug).mkdir(parents=True, exist_ok=True)
            made.add(inst.slug)
        folder = os.path.join(dest_docs, "technicians", inst.slug, slug)
        os.mkdir(folder)
        with open(os.path.join(folder, "index.md"), "w", encoding="utf-8") as fh:
            fh.write(profile_markdown(inst, data))
        written.append(f"technicians/{inst.slug}/{slug}/")
    return written


def _ensure_techportal() -> None:
    hooks = Path(__file__).resolve().parent.parent / "hooks"
    if str(hooks) not in sys.path:
        sys.path.insert(0, str(hooks))


def main(argv: list[str]) -> int:
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--institutions", type=int)
    parser.add_argument("--photos", action="store_true")
    parser.add_argument("--baseline", type=Path, help="also write the plain-Markdown pages into this docs folder")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    result = generate(args.dest, args.n, seed=args.seed, institutions=args.institutions, photos=args.photos)
    print(f"{len(result.keys)} profiles in {len(result.institutions)} institutions: {time.perf_counter() - start:.2f} s")
    if args.baseline:
        start = time.perf_counter()
        baseline_markdown(args.baseline, args.n, seed=args.seed, institutions=args.institutions)
        print(f"baseline pages: {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
